// Process control for RedisProcess: fork/exec, readiness by PING, signals.
#include "tests/cache/redis_process.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <hiredis/hiredis.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace refnet::testing {
namespace {

constexpr int kPortAttempts = 5;
constexpr int kPingAttempts = 400;  // x 25 ms
constexpr timeval kCommandTimeout = {5, 0};

// Binds port 0 and closes the socket: the kernel picked a port no one uses
// right now. Another process could take it before redis-server binds it, so
// the first start retries with a new port.
int FreePort() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return 0;
  sockaddr_in address = {};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof(address);
  int port = 0;
  if (bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0 &&
      getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0) {
    port = ntohs(address.sin_port);
  }
  close(fd);
  return port;
}

std::string Render(const redisReply& reply) {
  switch (reply.type) {
    case REDIS_REPLY_INTEGER:
      return absl::StrCat(reply.integer);
    case REDIS_REPLY_NIL:
      return "(nil)";
    case REDIS_REPLY_ARRAY: {
      std::vector<std::string> lines;
      for (size_t i = 0; i < reply.elements; ++i) lines.push_back(Render(*reply.element[i]));
      return absl::StrJoin(lines, "\n");
    }
    default:
      return std::string(reply.str, reply.len);
  }
}

}  // namespace

RedisProcess::RedisProcess() {
  char pattern[] = "/tmp/refnet-redis-XXXXXX";
  const char* folder = mkdtemp(pattern);
  folder_ = folder == nullptr ? "" : folder;
}

RedisProcess::~RedisProcess() {
  Kill();
  std::error_code ignored;
  if (!folder_.empty()) std::filesystem::remove_all(folder_, ignored);
}

absl::Status RedisProcess::Start() {
  if (folder_.empty()) return absl::InternalError("no temporary folder");
  if (running()) return absl::FailedPreconditionError("redis-server already runs");
  if (port_ != 0) return Launch();
  absl::Status status = absl::UnavailableError("no free port");
  for (int attempt = 0; attempt < kPortAttempts; ++attempt) {
    port_ = FreePort();
    if (port_ == 0) continue;
    status = Launch();
    if (status.ok()) return status;
  }
  port_ = 0;
  return status;
}

absl::Status RedisProcess::Launch() {
  // Nothing is persisted unless Save() asks; the snapshot stays in folder_.
  const std::pair<const char*, std::string> flags[] = {{"--port", std::to_string(port_)},
                                                       {"--bind", "127.0.0.1"},
                                                       {"--save", ""},
                                                       {"--appendonly", "no"},
                                                       {"--dir", folder_},
                                                       {"--dbfilename", "dump.rdb"},
                                                       {"--logfile", folder_ + "/redis.log"},
                                                       {"--daemonize", "no"}};
  std::vector<std::string> args = {"redis-server"};
  for (const auto& [flag, value] : flags) {
    args.push_back(flag);
    args.push_back(value);
  }
  std::vector<char*> argv;
  argv.reserve(args.size() + 1);
  for (std::string& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  const pid_t parent = getpid();
  pid_ = fork();
  if (pid_ < 0) return absl::InternalError("fork failed");
  if (pid_ == 0) {
    // The server must not outlive a test that crashed, nor hold the test's
    // stdout open (ctest would wait for it); its log goes to --logfile.
    if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 || getppid() != parent) _exit(126);
    int null_fd = open("/dev/null", O_RDWR);
    if (null_fd >= 0) {
      dup2(null_fd, STDIN_FILENO);
      dup2(null_fd, STDOUT_FILENO);
      dup2(null_fd, STDERR_FILENO);
    }
    execvp(argv[0], argv.data());
    _exit(127);
  }
  paused_ = false;
  absl::Status status = WaitForPing();
  if (!status.ok()) Kill();
  return status;
}

absl::Status RedisProcess::WaitForPing() {
  for (int i = 0; i < kPingAttempts; ++i) {
    int exit_status = 0;
    if (waitpid(pid_, &exit_status, WNOHANG) == pid_) {
      pid_ = -1;
      return absl::UnavailableError(absl::StrCat("redis-server exited:\n", log()));
    }
    // Another test may have taken the same port first; only our own
    // process counts as started.
    absl::StatusOr<std::string> info = Command({"INFO", "server"});
    if (info.ok()) {
      if (absl::StrContains(*info, absl::StrCat("process_id:", pid_, "\r\n"))) {
        return absl::OkStatus();
      }
      Kill();
      return absl::UnavailableError(absl::StrCat("port ", port_, " belongs to another server"));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  return absl::DeadlineExceededError(absl::StrCat("redis-server does not answer:\n", log()));
}

void RedisProcess::Kill() {
  if (pid_ <= 0) return;
  kill(pid_, SIGKILL);
  waitpid(pid_, nullptr, 0);
  pid_ = -1;
  paused_ = false;
}

void RedisProcess::Stop() {
  if (pid_ <= 0) return;
  if (paused_) Resume();
  kill(pid_, SIGTERM);
  waitpid(pid_, nullptr, 0);
  pid_ = -1;
}

absl::Status RedisProcess::Restart() {
  Kill();
  return Start();
}

void RedisProcess::Pause() {
  if (pid_ <= 0 || paused_) return;
  kill(pid_, SIGSTOP);
  paused_ = true;
}

void RedisProcess::Resume() {
  if (pid_ <= 0 || !paused_) return;
  kill(pid_, SIGCONT);
  paused_ = false;
}

absl::StatusOr<std::string> RedisProcess::Command(const std::vector<std::string>& args) const {
  if (port_ == 0) return absl::FailedPreconditionError("redis-server never started");
  redisContext* context = redisConnectWithTimeout("127.0.0.1", port_, kCommandTimeout);
  if (context == nullptr || context->err != 0) {
    std::string error = context == nullptr ? "no context" : context->errstr;
    redisFree(context);
    return absl::UnavailableError(error);
  }
  redisSetTimeout(context, kCommandTimeout);
  std::vector<const char*> argv;
  std::vector<size_t> lengths;
  for (const std::string& arg : args) {
    argv.push_back(arg.data());
    lengths.push_back(arg.size());
  }
  auto* reply = static_cast<redisReply*>(
      redisCommandArgv(context, static_cast<int>(argv.size()), argv.data(), lengths.data()));
  absl::StatusOr<std::string> result = absl::UnavailableError(context->errstr);
  if (reply != nullptr) {
    result = reply->type == REDIS_REPLY_ERROR
                 ? absl::StatusOr<std::string>(absl::FailedPreconditionError(Render(*reply)))
                 : absl::StatusOr<std::string>(Render(*reply));
    freeReplyObject(reply);
  }
  redisFree(context);
  return result;
}

absl::Status RedisProcess::FlushAll() { return Command({"FLUSHALL"}).status(); }
absl::Status RedisProcess::ScriptFlush() { return Command({"SCRIPT", "FLUSH"}).status(); }
absl::Status RedisProcess::Save() { return Command({"SAVE"}).status(); }

std::string RedisProcess::log() const {
  std::ifstream in(folder_ + "/redis.log");
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace refnet::testing
