// Entry encoding: versions must compare as strings the way they compare as numbers.
#include "services/cache/redis/wire_format.h"

#include <cstdint>
#include <limits>
#include <set>

#include "gtest/gtest.h"

namespace refnet::cache {
namespace {

TEST(WireFormat, VersionsCompareAsStringsLikeNumbers) {
  const int64_t versions[] = {
      0, 1, 9, 10, 99, 100, (int64_t{1} << 53) + 1, std::numeric_limits<int64_t>::max()};
  for (int64_t a : versions) {
    for (int64_t b : versions) {
      EXPECT_EQ(a < b, EncodeVersion(a) < EncodeVersion(b)) << a << " " << b;
    }
    EXPECT_EQ(EncodeVersion(a).size(), kVersionDigits);
  }
}

TEST(WireFormat, ParsesValuesAndTombstones) {
  const std::string binary("a:b\0c", 5);
  std::optional<Entry> value = ParseEntry("v:" + EncodeVersion(42) + ":" + binary);
  ASSERT_TRUE(value.has_value());
  EXPECT_FALSE(value->tombstone);
  EXPECT_EQ(value->version, 42);
  EXPECT_EQ(value->value, binary);
  std::optional<Entry> empty = ParseEntry("v:" + EncodeVersion(1) + ":");
  ASSERT_TRUE(empty.has_value());
  EXPECT_EQ(empty->value, "");
  std::optional<Entry> tombstone = ParseEntry("t:" + EncodeVersion(7));
  ASSERT_TRUE(tombstone.has_value());
  EXPECT_TRUE(tombstone->tombstone);
  EXPECT_EQ(tombstone->version, 7);
}

TEST(WireFormat, RejectsForeignText) {
  for (const std::string& text :
       {std::string("hello"), std::string("v:12:x"), "x:" + EncodeVersion(1) + ":v",
        "t:" + EncodeVersion(1) + ":v", "v:" + EncodeVersion(1),
        std::string("v:-0000000000000000001:x")}) {
    EXPECT_FALSE(ParseEntry(text).has_value()) << text;
  }
}

TEST(WireFormat, TokensAreUniqueAndSeparatorFree) {
  TokenSource tokens;
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    std::string token = tokens.Next();
    EXPECT_EQ(token.find_first_of(".:{}"), std::string::npos);
    EXPECT_TRUE(seen.insert(token).second);
  }
  EXPECT_NE(TokenSource().Next(), TokenSource().Next()) << "instances differ";
}

}  // namespace
}  // namespace refnet::cache
