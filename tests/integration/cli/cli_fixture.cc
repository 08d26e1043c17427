// Server start-up waits for the port file the server writes once listening;
// the temporary folder holds the store, the token secret and the server log.
#include "cli_fixture.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "absl/time/clock.h"

namespace refnet::ctl::testing {
namespace {

// 48 printable bytes, so that no trailing whitespace is trimmed from the key.
constexpr absl::string_view kSecret = "k3Yq9Vt2Lm8Rw4Zp7Hc1Nb6Xd5Fs0Gj2Qe8Ua4Io7Py3Tr1x";
constexpr absl::Duration kStartTimeout = absl::Seconds(30);
constexpr absl::Duration kCommandTimeout = absl::Seconds(30);

std::string PathFromEnv(const char* variable, const char* fallback) {
  const char* value = std::getenv(variable);
  return value != nullptr && *value != '\0' ? value : fallback;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

}  // namespace

struct RefnetctlTest::Suite {
  std::string server_path = PathFromEnv("REFNET_SERVER", REFNET_SERVER_PATH);
  std::string ctl_path = PathFromEnv("REFNETCTL", REFNETCTL_PATH);
  std::string dir;
  std::string secret_file;
  std::string target;  // empty until the server listens
  std::optional<BackgroundProcess> server;

  bool HasServer() const { return access(server_path.c_str(), X_OK) == 0; }
  std::string Log() const { return dir.empty() ? "" : ReadFile(dir + "/server.log"); }
};

RefnetctlTest::Suite* RefnetctlTest::suite_ = nullptr;

std::string FieldOf(const std::string& output, absl::string_view field) {
  for (absl::string_view line : absl::StrSplit(output, '\n')) {
    if (absl::ConsumePrefix(&line, field) && absl::ConsumePrefix(&line, ": ")) {
      return std::string(line);
    }
  }
  return "";
}

void RefnetctlTest::SetUpTestSuite() {
  // The command lines in the tests must say everything; nothing leaks in.
  for (const char* variable :
       {"REFNET_TARGET", "REFNET_TOKEN", "REFNET_TOKEN_FILE", "REFNET_FIRM", "REFNET_TIMEOUT",
        "REFNET_TLS_CA_FILE", "REFNET_TLS_CERT_FILE", "REFNET_TLS_KEY_FILE"}) {
    unsetenv(variable);
  }
  suite_ = new Suite();
  if (!suite_->HasServer()) return;
  std::string dir_template = ::testing::TempDir() + "/refnetctl-e2e-XXXXXX";
  suite_->dir = mkdtemp(dir_template.data());
  suite_->secret_file = suite_->dir + "/token-secret";
  std::ofstream(suite_->secret_file) << kSecret;
  std::string port_file = suite_->dir + "/port";
  absl::StatusOr<BackgroundProcess> server = BackgroundProcess::Start(
      suite_->server_path,
      {"--listen", "127.0.0.1:0", "--store", absl::StrCat("sqlite:", suite_->dir, "/refnet.db"),
       "--token-secret-file", suite_->secret_file, "--port-file", port_file},
      suite_->dir + "/server.log");
  if (!server.ok()) return;
  suite_->server.emplace(*std::move(server));
  absl::Time deadline = absl::Now() + kStartTimeout;
  while (absl::Now() < deadline && suite_->server->Running()) {
    // The port is complete once its line ends.
    std::string text = ReadFile(port_file);
    if (!text.empty() && text.back() == '\n') {
      suite_->target = absl::StrCat("127.0.0.1:", absl::StripAsciiWhitespace(text));
      return;
    }
    absl::SleepFor(absl::Milliseconds(50));
  }
}

void RefnetctlTest::TearDownTestSuite() {
  if (suite_->server.has_value()) {
    EXPECT_EQ(suite_->server->Stop(), 0) << "refnet-server did not exit cleanly on SIGTERM:\n"
                                         << suite_->Log();
  }
  if (!suite_->dir.empty()) {
    std::error_code ignored;
    std::filesystem::remove_all(suite_->dir, ignored);
  }
  delete suite_;
  suite_ = nullptr;
}

void RefnetctlTest::SetUp() {
  ASSERT_TRUE(suite_->HasServer()) << "no refnet-server at " << suite_->server_path;
  ASSERT_FALSE(suite_->target.empty()) << "refnet-server did not write its port; log:\n"
                                       << suite_->Log();
}

CommandResult RefnetctlTest::Ctl(std::vector<std::string> args) {
  args.insert(args.begin(), {"--target", suite_->target});
  absl::StatusOr<CommandResult> result = RunCommand(suite_->ctl_path, args, kCommandTimeout);
  EXPECT_TRUE(result.ok()) << result.status();
  return result.ok() ? *result : CommandResult();
}

std::string RefnetctlTest::Token(std::vector<std::string> args) {
  args.insert(args.begin(), {"token", "--secret-file", suite_->secret_file});
  CommandResult result = Ctl(args);
  EXPECT_EQ(result.exit_code, 0) << result.err;
  return std::string(absl::StripAsciiWhitespace(result.out));
}

std::string RefnetctlTest::BootstrapFirm(const std::string& firm) {
  std::string root = Token({"--role", "platform-admin"});
  CommandResult created = Ctl({"--token", root, "firms", "create", firm, "--display-name",
                               absl::StrCat(firm, " Advisory")});
  EXPECT_EQ(created.exit_code, 0) << created.err;
  CommandResult alice =
      Ctl({"--token", root, "--firm", firm, "members", "create", "alice", "--display-name",
           "Alice Admin", "--email", absl::StrCat("alice@", firm, ".example"), "--role", "admin"});
  EXPECT_EQ(alice.exit_code, 0) << alice.err;
  return Token({"--firm", firm, "--member", "alice", "--role", "admin"});
}

}  // namespace refnet::ctl::testing
