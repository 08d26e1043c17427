// Flag parsing of `seed-store`: the large firm by default, and sizes that
// cannot be built refused with the flag at fault.
#include "clients/loadgen/store_seed_options.h"

#include "gtest/gtest.h"

namespace refnet::loadgen {
namespace {

std::vector<std::string> Args(std::vector<std::string> extra = {}) {
  std::vector<std::string> args = {"--store", "sqlite:/tmp/x.db", "--firm", "bench"};
  args.insert(args.end(), extra.begin(), extra.end());
  return args;
}

std::string ErrorOf(const absl::StatusOr<StoreSeedOptions>& options) {
  EXPECT_FALSE(options.ok());
  return std::string(options.status().message());
}

TEST(LoadgenStoreSeedOptionsTest, DefaultsToTheLargeFirm) {
  absl::StatusOr<StoreSeedOptions> options = ParseStoreSeedOptions(Args());
  ASSERT_TRUE(options.ok()) << options.status();
  EXPECT_EQ(options->store_path, "/tmp/x.db");
  EXPECT_EQ(options->firm, "bench");
  EXPECT_EQ(options->members, 500);
  EXPECT_EQ(options->contacts, 100000);
  EXPECT_EQ(options->relationships, 1000000);
  EXPECT_EQ(options->connections, 1000000);
  EXPECT_EQ(options->favours, 1000000);
  EXPECT_EQ(options->hub_member_contacts, 5000);
  EXPECT_EQ(options->seed, 1u);
  EXPECT_FALSE(options->as_of.has_value());
  EXPECT_FALSE(options->json);
}

TEST(LoadgenStoreSeedOptionsTest, TakesEverySize) {
  absl::StatusOr<StoreSeedOptions> options = ParseStoreSeedOptions(
      Args({"--members", "10", "--contacts", "300", "--relationships", "900", "--connections=2000",
            "--favours", "2000", "--hub-member-contacts", "100", "--seed", "7", "--as-of",
            "2026-01-31T09:00:00Z", "--json"}));
  ASSERT_TRUE(options.ok()) << options.status();
  EXPECT_EQ(options->members, 10);
  EXPECT_EQ(options->contacts, 300);
  EXPECT_EQ(options->relationships, 900);
  EXPECT_EQ(options->connections, 2000);
  EXPECT_EQ(options->favours, 2000);
  EXPECT_EQ(options->hub_member_contacts, 100);
  EXPECT_EQ(options->seed, 7u);
  ASSERT_TRUE(options->as_of.has_value());
  EXPECT_EQ(absl::ToUnixSeconds(*options->as_of), 1769850000);
  EXPECT_TRUE(options->json);
}

TEST(LoadgenStoreSeedOptionsTest, TheHubShrinksToASmallFirmUnlessGiven) {
  absl::StatusOr<StoreSeedOptions> options =
      ParseStoreSeedOptions(Args({"--members", "10", "--contacts", "300", "--relationships", "900",
                                  "--connections", "2000", "--favours", "10"}));
  ASSERT_TRUE(options.ok()) << options.status();
  EXPECT_EQ(options->hub_member_contacts, 300);
  EXPECT_EQ(ErrorOf(ParseStoreSeedOptions(
                Args({"--contacts", "300", "--relationships", "900", "--connections", "2000",
                      "--hub-member-contacts", "301"}))),
            "--hub-member-contacts: must not exceed --contacts");
}

TEST(LoadgenStoreSeedOptionsTest, ErrorsNameTheFlag) {
  EXPECT_EQ(ErrorOf(ParseStoreSeedOptions({"--firm", "bench"})), "--store: is required");
  EXPECT_EQ(ErrorOf(ParseStoreSeedOptions({"--store", "/tmp/x.db", "--firm", "bench"})),
            "--store: must be sqlite:PATH, got \"/tmp/x.db\"");
  EXPECT_EQ(ErrorOf(ParseStoreSeedOptions({"--store", "sqlite:/tmp/x.db"})), "--firm: is required");
  EXPECT_EQ(ErrorOf(ParseStoreSeedOptions(Args({"--firm", "Bench"}))).substr(0, 7), "--firm:");
  EXPECT_EQ(ErrorOf(ParseStoreSeedOptions(Args({"--contacts", "1"}))),
            "--contacts: must be a whole number from 2 to 10000000, got \"1\"");
  EXPECT_EQ(ErrorOf(ParseStoreSeedOptions(Args({"--favours", "-1"}))).substr(0, 10), "--favours:");
  EXPECT_EQ(ErrorOf(ParseStoreSeedOptions(Args({"--as-of", "yesterday"}))).substr(0, 8),
            "--as-of:");
  EXPECT_EQ(ErrorOf(ParseStoreSeedOptions(Args({"--target", "h:1"}))), "unknown flag --target");
}

TEST(LoadgenStoreSeedOptionsTest, RefusesSizesThatCannotBeBuilt) {
  EXPECT_EQ(
      ErrorOf(ParseStoreSeedOptions(Args({"--members", "2", "--contacts", "100", "--relationships",
                                          "250", "--connections", "100"}))),
      "--relationships: more than the members other than m0 can have, one per contact "
      "each");
  EXPECT_EQ(ErrorOf(ParseStoreSeedOptions(
                Args({"--contacts", "100", "--relationships", "100", "--connections", "1300"}))),
            "--connections: must be at most an eighth of all pairs of contacts");
}

}  // namespace
}  // namespace refnet::loadgen
