// The clients' --version, and refnetctl's view of the server it talks to:
// all three binaries report the build they came from.
#include <nlohmann/json.hpp>
#include <string>

#include "gmock/gmock.h"
#include "services/common/build_info.h"
#include "tests/integration/support/server_process.h"
#include "tests/loadgen/program.h"

namespace refnet::loadgen::testing {
namespace {

using refnet::testing::BinaryPath;
using ::testing::HasSubstr;

constexpr int kProgramTimeoutS = 60;

class VersionsTest : public ::testing::Test {
 protected:
  void SetUp() override { server_.Start(); }
  ProgramResult Run(const std::string& binary, const std::vector<std::string>& args) {
    return RunProgram(BinaryPath(binary), args, server_.folder(), kProgramTimeoutS);
  }
  refnet::testing::ServerProcess server_;
};

TEST_F(VersionsTest, EachClientPrintsItsVersionAndRevision) {
  ProgramResult ctl = Run("clients/refnetctl/refnetctl", {"--version"});
  EXPECT_EQ(ctl.exit_code, 0) << ctl.err;
  EXPECT_EQ(ctl.out, VersionLine("refnetctl") + "\n");
  ProgramResult loadgen = Run("clients/loadgen/refnet-loadgen", {"--version"});
  EXPECT_EQ(loadgen.exit_code, 0) << loadgen.err;
  EXPECT_EQ(loadgen.out, VersionLine("refnet-loadgen") + "\n");
}

TEST_F(VersionsTest, RefnetctlShowsTheServersBuildAndState) {
  std::string token_file = server_.folder() + "/platform-token";
  {
    std::FILE* f = std::fopen(token_file.c_str(), "w");
    ASSERT_NE(f, nullptr);
    std::fputs(server_.PlatformAdminToken().c_str(), f);
    std::fclose(f);
  }
  ProgramResult info =
      Run("clients/refnetctl/refnetctl",
          {"--target", server_.address(), "--token-file", token_file, "--json", "server", "info"});
  ASSERT_EQ(info.exit_code, 0) << info.err;
  nlohmann::json json = nlohmann::json::parse(info.out);
  EXPECT_EQ(json["version"], std::string(BuildVersion()));
  EXPECT_EQ(json["revision"], std::string(BuildRevision()));
  EXPECT_EQ(json["store_kind"], "sqlite");
  EXPECT_EQ(json["cache_state"], "CACHE_STATE_DISABLED");
  EXPECT_TRUE(json.contains("uptime")) << info.out;

  ProgramResult text =
      Run("clients/refnetctl/refnetctl",
          {"--target", server_.address(), "--token-file", token_file, "server", "info"});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_THAT(text.out, HasSubstr(std::string(BuildRevision())));
}

TEST_F(VersionsTest, RefnetctlBacksUpTheStoreAndTheCopyServes) {
  std::string token_file = server_.folder() + "/platform-token";
  {
    std::FILE* f = std::fopen(token_file.c_str(), "w");
    ASSERT_NE(f, nullptr);
    std::fputs(server_.PlatformAdminToken().c_str(), f);
    std::fclose(f);
  }
  std::vector<std::string> as_root = {"--target", server_.address(), "--token-file", token_file};
  auto with = [&](std::vector<std::string> base, std::vector<std::string> more) {
    base.insert(base.end(), more.begin(), more.end());
    return base;
  };
  ProgramResult created = Run("clients/refnetctl/refnetctl",
                              with(as_root, {"firms", "create", "kept", "--display-name", "Kept"}));
  ASSERT_EQ(created.exit_code, 0) << created.err;

  refnet::testing::ServerProcess restored;
  std::string copy = restored.folder() + "/refnet.db";
  ProgramResult backup =
      Run("clients/refnetctl/refnetctl", with(as_root, {"backup", "--out", copy}));
  ASSERT_EQ(backup.exit_code, 0) << backup.err;
  EXPECT_THAT(backup.out, HasSubstr("wrote " + copy + ": "));
  EXPECT_THAT(backup.out, HasSubstr("sha256 "));
  ProgramResult missing_out = Run("clients/refnetctl/refnetctl", with(as_root, {"backup"}));
  EXPECT_EQ(missing_out.exit_code, 2);
  EXPECT_THAT(missing_out.err, HasSubstr("--out FILE"));

  restored.Start();
  std::string restored_token = restored.folder() + "/platform-token";
  {
    std::FILE* f = std::fopen(restored_token.c_str(), "w");
    ASSERT_NE(f, nullptr);
    std::fputs(restored.PlatformAdminToken().c_str(), f);
    std::fclose(f);
  }
  ProgramResult firms = RunProgram(
      BinaryPath("clients/refnetctl/refnetctl"),
      {"--target", restored.address(), "--token-file", restored_token, "firms", "get", "kept"},
      restored.folder(), kProgramTimeoutS);
  EXPECT_EQ(firms.exit_code, 0) << firms.err;
  EXPECT_THAT(firms.out, HasSubstr("Kept"));
}

}  // namespace
}  // namespace refnet::loadgen::testing
