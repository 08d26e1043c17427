// A real redis-server for tests: its own temporary folder and a free port,
// with the failures tests need to stage (crash, pause, restart, flush).
// The server is killed when the thread that started it exits (so a crashed
// test leaves nothing behind): start and restart it from the test's thread.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace refnet::testing {

class RedisProcess {
 public:
  // Creates the folder; does not start the server.
  RedisProcess();
  // Kills the server if it runs and removes the folder.
  ~RedisProcess();
  RedisProcess(const RedisProcess&) = delete;
  RedisProcess& operator=(const RedisProcess&) = delete;

  // Starts redis-server and waits until it answers. The first start
  // picks a free port; later starts reuse it, and load dump.rdb when Save
  // wrote one, as a server restarting from its snapshot would.
  absl::Status Start();
  // SIGKILL, as a crash would.
  void Kill();
  // SIGTERM and wait; nothing is saved.
  void Stop();
  // Kill, then Start on the same port.
  absl::Status Restart();
  // SIGSTOP / SIGCONT: the server keeps its connections but answers nothing.
  void Pause();
  void Resume();

  // Runs one command on a fresh connection; the reply as text (arrays one
  // element per line, nil as "(nil)"), or the error reply as a status.
  absl::StatusOr<std::string> Command(const std::vector<std::string>& args) const;
  absl::Status FlushAll();
  absl::Status ScriptFlush();
  // Writes dump.rdb now.
  absl::Status Save();

  bool running() const { return pid_ > 0; }
  int port() const { return port_; }
  std::string url() const { return "redis://127.0.0.1:" + std::to_string(port_); }
  const std::string& folder() const { return folder_; }
  std::string log() const;

 private:
  absl::Status Launch();
  absl::Status WaitForPing();

  std::string folder_;
  pid_t pid_ = -1;
  int port_ = 0;
  bool paused_ = false;
};

}  // namespace refnet::testing
