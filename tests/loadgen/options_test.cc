// Flag parsing of `seed` and `run`: defaults, limits, and errors that name
// the flag at fault.
#include "clients/loadgen/options.h"

#include <cstdio>
#include <fstream>

#include "gtest/gtest.h"

namespace refnet::loadgen {
namespace {

std::vector<std::string> RunArgs(std::vector<std::string> extra = {}) {
  std::vector<std::string> args = {
      "--target",   "localhost:1", "--token-file", "t", "--firm", "acme",
      "--scenario", "get-balance", "--duration-s", "2"};
  args.insert(args.end(), extra.begin(), extra.end());
  return args;
}

std::string ErrorOf(const absl::StatusOr<RunOptions>& options) {
  EXPECT_FALSE(options.ok());
  return std::string(options.status().message());
}

TEST(LoadgenOptionsTest, RunDefaultsToAClosedLoopOfSixtyFourOnFourChannels) {
  absl::StatusOr<RunOptions> options = ParseRunOptions(RunArgs());
  ASSERT_TRUE(options.ok()) << options.status();
  EXPECT_EQ(options->target, "localhost:1");
  EXPECT_EQ(options->scenario, Scenario::kGetBalance);
  EXPECT_EQ(options->in_flight, 64);
  EXPECT_EQ(options->channels, 4);
  EXPECT_EQ(options->rate, 0);
  EXPECT_EQ(options->warmup_s, 1);
  EXPECT_EQ(options->members, 20);
  EXPECT_EQ(options->contacts, 1000);
  EXPECT_EQ(options->hot_pairs, 1000);
  EXPECT_DOUBLE_EQ(options->duration_s, 2);
  EXPECT_FALSE(options->json);
}

TEST(LoadgenOptionsTest, RunTakesEveryFlagInBothSpellings) {
  absl::StatusOr<RunOptions> options = ParseRunOptions(
      RunArgs({"--in-flight=8", "--rate", "250.5", "--channels", "2", "--warmup-s=0", "--members",
               "5", "--contacts", "50", "--hot-pairs", "7", "--note-bytes=1500", "--json"}));
  ASSERT_TRUE(options.ok()) << options.status();
  EXPECT_EQ(options->in_flight, 8);
  EXPECT_DOUBLE_EQ(options->rate, 250.5);
  EXPECT_EQ(options->channels, 2);
  EXPECT_EQ(options->warmup_s, 0);
  EXPECT_EQ(options->members, 5);
  EXPECT_EQ(options->contacts, 50);
  EXPECT_EQ(options->hot_pairs, 7);
  EXPECT_EQ(options->note_bytes, 1500);
  EXPECT_TRUE(options->json);
}

TEST(LoadgenOptionsTest, RunErrorsNameTheFlag) {
  EXPECT_EQ(ErrorOf(ParseRunOptions({"--token-file", "t", "--firm", "acme"})),
            "--target: is required");
  EXPECT_EQ(ErrorOf(ParseRunOptions(RunArgs({"--in-flight", "0"}))),
            "--in-flight: must be a whole number from 1 to 10000, got \"0\"");
  EXPECT_EQ(ErrorOf(ParseRunOptions(RunArgs({"--note-bytes", "2001"}))),
            "--note-bytes: must be a whole number from 0 to 2000, got \"2001\"");
  EXPECT_EQ(ErrorOf(ParseRunOptions(RunArgs({"--channels", "many"}))),
            "--channels: must be a whole number from 1 to 256, got \"many\"");
  EXPECT_NE(ErrorOf(ParseRunOptions(RunArgs({"--rate", "-5"}))).find("--rate:"), std::string::npos);
  EXPECT_NE(ErrorOf(ParseRunOptions(RunArgs({"--scenario", "nap"}))).find("--scenario:"),
            std::string::npos);
  EXPECT_EQ(ErrorOf(ParseRunOptions(RunArgs({"--firm", "Acme"}))).substr(0, 7), "--firm:");
  EXPECT_EQ(ErrorOf(ParseRunOptions(RunArgs({"--speed", "9"}))), "unknown flag --speed");
  EXPECT_EQ(ErrorOf(ParseRunOptions(RunArgs({"--json=yes"}))), "--json: takes no value");
  EXPECT_EQ(ErrorOf(ParseRunOptions(RunArgs({"--channels"}))), "--channels: needs a value");
  EXPECT_EQ(ErrorOf(ParseRunOptions(RunArgs({"extra"}))), "unexpected argument \"extra\"");
  EXPECT_EQ(ErrorOf(ParseRunOptions(RunArgs({"--mix", "get-balance=1"}))),
            "--mix: only applies to --scenario mix");
}

TEST(LoadgenOptionsTest, RunKnowsTheNetworkScenarios) {
  absl::StatusOr<RunOptions> paths =
      ParseRunOptions(RunArgs({"--scenario", "find-intro-paths", "--contacts", "100000"}));
  ASSERT_TRUE(paths.ok()) << paths.status();
  EXPECT_EQ(paths->scenario, Scenario::kFindIntroPaths);
  EXPECT_EQ(ScenarioMethod(paths->scenario), Method::kFindIntroPaths);
  EXPECT_EQ(MethodName(Method::kFindIntroPaths), "FindIntroPaths");
  absl::StatusOr<RunOptions> introductions =
      ParseRunOptions(RunArgs({"--scenario=suggest-introductions", "--in-flight", "1"}));
  ASSERT_TRUE(introductions.ok()) << introductions.status();
  EXPECT_EQ(introductions->scenario, Scenario::kSuggestIntroductions);
  EXPECT_EQ(MethodName(ScenarioMethod(introductions->scenario)), "SuggestIntroductions");
  EXPECT_EQ(MethodScenarioName(Method::kSuggestIntroductions), "suggest-introductions");
  absl::StatusOr<RunOptions> mixed = ParseRunOptions(
      RunArgs({"--scenario", "mix", "--mix", "find-intro-paths=3,suggest-introductions=1"}));
  ASSERT_TRUE(mixed.ok()) << mixed.status();
  ASSERT_EQ(mixed->mix.size(), 2u);
  EXPECT_EQ(mixed->mix[0].method, Method::kFindIntroPaths);
  EXPECT_EQ(mixed->mix[1].method, Method::kSuggestIntroductions);
}

TEST(LoadgenOptionsTest, RunKnowsTheWeeklyReviewScenario) {
  absl::StatusOr<RunOptions> review =
      ParseRunOptions(RunArgs({"--scenario", "weekly-review", "--in-flight", "1"}));
  ASSERT_TRUE(review.ok()) << review.status();
  EXPECT_EQ(review->scenario, Scenario::kWeeklyReview);
  EXPECT_EQ(ScenarioName(review->scenario), "weekly-review");
  EXPECT_EQ(ScenarioMethod(review->scenario), Method::kGetWeeklyReview);
  EXPECT_EQ(MethodName(Method::kGetWeeklyReview), "GetWeeklyReview");
  EXPECT_EQ(MethodScenarioName(Method::kGetWeeklyReview), "weekly-review");
  absl::StatusOr<RunOptions> mixed = ParseRunOptions(
      RunArgs({"--scenario", "mix", "--mix", "find-intro-paths=3,weekly-review=1"}));
  ASSERT_TRUE(mixed.ok()) << mixed.status();
  ASSERT_EQ(mixed->mix.size(), 2u);
  EXPECT_EQ(mixed->mix[1].method, Method::kGetWeeklyReview);
}

TEST(LoadgenOptionsTest, RunNeedsADuration) {
  std::vector<std::string> args = RunArgs();
  args.resize(args.size() - 2);
  EXPECT_EQ(ErrorOf(ParseRunOptions(args)), "--duration-s: is required");
}

TEST(LoadgenOptionsTest, SeedDefaultsAndLimits) {
  absl::StatusOr<SeedOptions> options =
      ParseSeedOptions({"--target", "h:1", "--token-file", "t", "--firm", "acme", "--contacts",
                        "50", "--favours", "200"});
  ASSERT_TRUE(options.ok()) << options.status();
  EXPECT_EQ(options->contacts, 50);
  EXPECT_EQ(options->favours, 200);
  EXPECT_EQ(options->members, 20);
  EXPECT_EQ(options->in_flight, 64);

  absl::StatusOr<SeedOptions> missing =
      ParseSeedOptions({"--target", "h:1", "--token-file", "t", "--firm", "acme"});
  EXPECT_EQ(missing.status().message(), "--contacts: is required");
  absl::StatusOr<SeedOptions> no_members =
      ParseSeedOptions({"--target", "h:1", "--token-file", "t", "--firm", "acme", "--contacts", "5",
                        "--favours", "0", "--members", "0"});
  EXPECT_EQ(no_members.status().message(),
            "--members: must be a whole number from 1 to 100000, got \"0\"");
}

TEST(LoadgenOptionsTest, FirmIdsFollowTheServersRule) {
  EXPECT_TRUE(IsValidFirmId("acme"));
  EXPECT_TRUE(IsValidFirmId("load-test-2"));
  EXPECT_FALSE(IsValidFirmId("a"));
  EXPECT_FALSE(IsValidFirmId("2fast"));
  EXPECT_FALSE(IsValidFirmId("Acme"));
  EXPECT_FALSE(IsValidFirmId("firms/acme"));
}

TEST(LoadgenOptionsTest, TokenFilesAreTrimmedAndChecked) {
  std::string path = ::testing::TempDir() + "/loadgen-token";
  std::ofstream(path) << "  eyJ.abc.def \n\n";
  absl::StatusOr<std::string> token = ReadTokenFile(path);
  ASSERT_TRUE(token.ok()) << token.status();
  EXPECT_EQ(*token, "eyJ.abc.def");

  std::ofstream(path) << "   \n";
  EXPECT_EQ(ReadTokenFile(path).status().message(), "--token-file: " + path + " is empty");
  std::remove(path.c_str());
  EXPECT_EQ(ReadTokenFile(path).status().message(), "--token-file: cannot read " + path);
}

}  // namespace
}  // namespace refnet::loadgen
