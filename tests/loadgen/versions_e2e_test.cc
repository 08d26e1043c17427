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

}  // namespace
}  // namespace refnet::loadgen::testing
