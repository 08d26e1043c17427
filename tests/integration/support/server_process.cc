// Process control for the integration fixture: fork/exec, port file, SIGTERM.
#include "tests/integration/support/server_process.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <thread>

#include "grpc/health/v1/health.grpc.pb.h"
#include "gtest/gtest.h"
#include "services/common/clock.h"

namespace refnet::testing {
namespace {

constexpr int kStartAttempts = 200;  // × 50 ms

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

}  // namespace

std::string BinaryPath(const std::string& relative) {
  return std::string(REFNET_BINARY_DIR) + "/" + relative;
}

std::string NewRequestId() {
  static RandomIdGenerator ids;
  return ids.NewId();
}

ServerProcess::ServerProcess() {
  char pattern[] = "/tmp/refnet-test-XXXXXX";
  folder_ = mkdtemp(pattern);
  secret_ = "test-secret-" + NewRequestId() + NewRequestId();
  std::ofstream(folder_ + "/secret") << secret_ << "\n";
}

ServerProcess::~ServerProcess() {
  if (pid_ > 0) Kill();
  std::string command = "rm -rf '" + folder_ + "'";
  if (std::system(command.c_str()) != 0) ADD_FAILURE() << "could not remove " << folder_;
}

void ServerProcess::Start(const std::vector<std::string>& extra_flags) {
  std::vector<std::string> args = {
      BinaryPath("services/server/refnet-server"), "--listen=127.0.0.1:0",
      "--store=sqlite:" + folder_ + "/refnet.db",  "--token-secret-file=" + folder_ + "/secret",
      "--port-file=" + folder_ + "/port",          "--drain-timeout=5s"};
  args.insert(args.end(), extra_flags.begin(), extra_flags.end());
  Launch(args, {});
}

void ServerProcess::StartFromEnvironment() {
  Launch({BinaryPath("services/server/refnet-server")},
         {{"REFNET_LISTEN", "127.0.0.1:0"},
          {"REFNET_STORE", "sqlite:" + folder_ + "/refnet.db"},
          {"REFNET_TOKEN_SECRET_FILE", folder_ + "/secret"},
          {"REFNET_PORT_FILE", folder_ + "/port"}});
}

void ServerProcess::Launch(const std::vector<std::string>& args_in,
                           const std::vector<std::pair<std::string, std::string>>& env) {
  std::vector<std::string> args = args_in;
  std::string port_file = folder_ + "/port";
  std::remove(port_file.c_str());
  pid_ = fork();
  ASSERT_GE(pid_, 0);
  if (pid_ == 0) {
    std::string log = folder_ + "/server.log";
    if (freopen(log.c_str(), "a", stderr) == nullptr) _exit(126);
    for (const auto& [name, value] : env) setenv(name.c_str(), value.c_str(), 1);
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  for (int i = 0; i < kStartAttempts && port_ == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    std::string text = ReadFile(port_file);
    if (!text.empty() && text.back() == '\n') port_ = std::stoi(text);
  }
  ASSERT_NE(port_, 0) << "server did not start:\n" << log();
  channel_ = grpc::CreateChannel(address(), credentials_);
  auto health = grpc::health::v1::Health::NewStub(channel_);
  grpc::health::v1::HealthCheckResponse response;
  auto context = Authed("");
  grpc::Status status = health->Check(context.get(), {}, &response);
  ASSERT_TRUE(status.ok()) << status.error_message() << "\n" << log();
}

int ServerProcess::Stop() {
  if (pid_ <= 0) return -1;
  channel_.reset();
  kill(pid_, SIGTERM);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
  port_ = 0;
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

void ServerProcess::Kill() {
  if (pid_ <= 0) return;
  kill(pid_, SIGKILL);
  waitpid(pid_, nullptr, 0);
  pid_ = -1;
  port_ = 0;
}

std::string ServerProcess::log() const { return ReadFile(folder_ + "/server.log"); }

int ServerProcess::LoggedPort(const std::string& field) const {
  const std::string key = "\"" + field + "\":";
  // Log lines leave in batches, at most a second late.
  for (int i = 0; i < 50; ++i) {
    std::string text = log();
    size_t at = text.find(key);
    if (at != std::string::npos) return std::atoi(text.c_str() + at + key.size());
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return 0;
}

std::string ServerProcess::PlatformAdminToken() const {
  auth::TokenClaims claims;
  claims.principal.role = auth::Role::kPlatformAdmin;
  claims.expire_time = absl::Now() + absl::Hours(1);
  return *auth::IssueToken(secret_, claims);
}

std::string ServerProcess::Token(const std::string& firm, const std::string& member,
                                 auth::Role role, absl::Duration ttl) const {
  auth::TokenClaims claims;
  claims.principal = {role, firm, member};
  claims.expire_time = absl::Now() + ttl;
  return *auth::IssueToken(secret_, claims);
}

std::unique_ptr<grpc::ClientContext> Authed(const std::string& token) {
  auto context = std::make_unique<grpc::ClientContext>();
  if (!token.empty()) context->AddMetadata("authorization", "Bearer " + token);
  context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  return context;
}

std::pair<std::string, int> RunShell(const std::string& command) {
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return {"", -1};
  std::string out;
  char buffer[4096];
  while (fgets(buffer, sizeof buffer, pipe) != nullptr) out += buffer;
  int status = pclose(pipe);
  return {out, WIFEXITED(status) ? WEXITSTATUS(status) : -1};
}

}  // namespace refnet::testing
