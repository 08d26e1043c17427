// Token key files: one bare secret, or KEY_ID=SECRET lines; anything else is
// refused with the line it is about.
#include "services/auth/key_set.h"

#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <thread>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/auth/key_ring.h"

namespace refnet::auth {
namespace {

using ::testing::HasSubstr;

const std::string kA(40, 'a');
const std::string kB(40, 'b');

TEST(KeySetTest, ABareSecretIsOneKeyWithoutAnId) {
  KeySet keys = *KeySet::Parse(kA + "\n", "f");
  EXPECT_FALSE(keys.keyed());
  EXPECT_EQ(keys.signing().id, "");
  EXPECT_EQ(keys.signing().secret, kA);
  // Base64 padding is part of a bare secret, not a key id.
  std::string padded = "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3JldA==";
  EXPECT_EQ(KeySet::Parse(padded, "f")->signing().secret, padded);
}

TEST(KeySetTest, KeyedLinesListKeysFirstSigning) {
  KeySet keys = *KeySet::Parse("# rotated 2026-12\n\nk2=" + kB + "\nk1=" + kA + "\n", "f");
  EXPECT_TRUE(keys.keyed());
  EXPECT_EQ(keys.signing().id, "k2");
  ASSERT_EQ(keys.keys().size(), 2u);
  ASSERT_NE(keys.Find("k1"), nullptr);
  EXPECT_EQ(keys.Find("k1")->secret, kA);
  EXPECT_EQ(keys.Find("k3"), nullptr);
  // One keyed line is a keyed file of one key.
  EXPECT_TRUE(KeySet::Parse("k1=" + kA, "f")->keyed());
}

TEST(KeySetTest, BadFilesAreRefusedSayingWhy) {
  EXPECT_THAT(std::string(KeySet::Parse("", "f").status().message()), HasSubstr("holds no key"));
  EXPECT_THAT(std::string(KeySet::Parse("short", "f").status().message()),
              HasSubstr("shorter than 32 bytes"));
  EXPECT_THAT(std::string(KeySet::Parse("k1=" + kA + "\nk1=" + kB, "f").status().message()),
              HasSubstr("\"k1\" appears twice"));
  EXPECT_THAT(std::string(KeySet::Parse("k1=" + kA + "\nk2=short", "f").status().message()),
              HasSubstr("key 2 is not KEY_ID=SECRET"));
  EXPECT_THAT(std::string(KeySet::Parse("k1=" + kA + "\nbad id=" + kB, "f").status().message()),
              HasSubstr("key 2"));
  std::string many;
  for (int i = 0; i < 17; ++i) many += "k" + std::to_string(i) + "=" + kA + "\n";
  EXPECT_THAT(std::string(KeySet::Parse(many, "f").status().message()), HasSubstr("at most 16"));
}

std::string TempPath(const std::string& name) {
  return ::testing::TempDir() + "/key-ring-" + name + "-" + std::to_string(getpid());
}

void WriteFile(const std::string& path, const std::string& text) {
  // Written aside and renamed into place, as Kubernetes swaps a secret.
  std::string aside = path + ".new";
  std::ofstream(aside) << text;
  ASSERT_EQ(std::rename(aside.c_str(), path.c_str()), 0);
}

TEST(KeyRingTest, AChangedFileTakesOverAndABadOneIsIgnored) {
  std::string path = TempPath("change");
  WriteFile(path, "k1=" + kA);
  std::unique_ptr<KeyRing> ring = *KeyRing::Open(path, absl::ZeroDuration());
  EXPECT_EQ(ring->Current()->signing().id, "k1");
  uint64_t generation = ring->generation();

  ring->Reload();  // nothing changed
  EXPECT_EQ(ring->generation(), generation);

  WriteFile(path, "k2=" + kB + "\nk1=" + kA);
  ring->Reload();
  EXPECT_GT(ring->generation(), generation);
  EXPECT_EQ(ring->Current()->signing().id, "k2");
  generation = ring->generation();

  WriteFile(path, "k3=");  // a typo: the keys in use stay
  ring->Reload();
  EXPECT_EQ(ring->generation(), generation);
  EXPECT_EQ(ring->Current()->signing().id, "k2");
  std::remove(path.c_str());
  ring->Reload();  // gone for a moment: still the same keys
  EXPECT_EQ(ring->Current()->signing().id, "k2");
}

TEST(KeyRingTest, TheWatcherRereadsTheFileOnItsOwn) {
  std::string path = TempPath("watch");
  WriteFile(path, kA);
  std::unique_ptr<KeyRing> ring = *KeyRing::Open(path, absl::Milliseconds(10));
  std::shared_ptr<const KeySet> held = ring->Current();
  WriteFile(path, "k1=" + kB);
  for (int i = 0; i < 500 && ring->Current()->signing().id != "k1"; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_EQ(ring->Current()->signing().id, "k1");
  // Keys a caller still holds are not changed under it.
  EXPECT_EQ(held->signing().secret, kA);
  std::remove(path.c_str());
}

TEST(KeyRingTest, OpeningAMissingOrBadFileFails) {
  EXPECT_EQ(KeyRing::Open(TempPath("missing"), absl::ZeroDuration()).status().code(),
            absl::StatusCode::kNotFound);
  std::string path = TempPath("bad");
  WriteFile(path, "tiny");
  EXPECT_EQ(KeyRing::Open(path, absl::ZeroDuration()).status().code(),
            absl::StatusCode::kInvalidArgument);
  std::remove(path.c_str());
}

}  // namespace
}  // namespace refnet::auth
