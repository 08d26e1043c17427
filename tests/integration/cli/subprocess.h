// Running programs from tests: one-shot commands with captured output, and a
// long-running server stopped with SIGTERM.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace refnet::ctl::testing {

struct CommandResult {
  int exit_code = -1;  // the exit status, or 128 + signal number
  std::string out;
  std::string err;
};

// Runs `path args...`, waiting at most `timeout` (then SIGKILL).
absl::StatusOr<CommandResult> RunCommand(const std::string& path,
                                         const std::vector<std::string>& args,
                                         absl::Duration timeout);

// A background process whose stdout and stderr go to a log file.
class BackgroundProcess {
 public:
  static absl::StatusOr<BackgroundProcess> Start(const std::string& path,
                                                 const std::vector<std::string>& args,
                                                 const std::string& log_path);
  BackgroundProcess(BackgroundProcess&& other) noexcept;
  BackgroundProcess& operator=(BackgroundProcess&&) = delete;
  ~BackgroundProcess();

  bool Running();
  // Sends SIGTERM, waits up to `grace`, then SIGKILL; returns the exit code.
  int Stop(absl::Duration grace = absl::Seconds(10));

 private:
  explicit BackgroundProcess(pid_t pid) : pid_(pid) {}
  pid_t pid_ = -1;
  int exit_code_ = -1;
};

}  // namespace refnet::ctl::testing
