// Runs the real refnet-server binary in a temporary folder, on port 0, with a
// fresh SQLite file and token secret, and talks to it over gRPC.
#pragma once

#include <grpcpp/grpcpp.h>
#include <sys/types.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "services/auth/token.h"

namespace refnet::testing {

class ServerProcess {
 public:
  // Creates a temporary folder holding the database and the secret.
  ServerProcess();
  ~ServerProcess();

  // Starts the server (again, after Stop, on the same database) and waits
  // until it answers health checks. Extra flags are appended.
  void Start(const std::vector<std::string>& extra_flags = {});
  // Like Start, but configured through REFNET_* environment variables only.
  void StartFromEnvironment();
  // Sends SIGTERM and returns the exit status (the process's exit code, or
  // 128 + signal when it was killed).
  int Stop();
  // SIGKILL, as a crash would.
  void Kill();

  // Credentials of the channel the process is checked and called through
  // (plaintext unless set); set before Start, for a server that serves TLS.
  void set_credentials(std::shared_ptr<grpc::ChannelCredentials> credentials) {
    credentials_ = std::move(credentials);
  }

  std::string address() const { return "127.0.0.1:" + std::to_string(port_); }
  std::shared_ptr<grpc::Channel> channel() const { return channel_; }
  const std::string& folder() const { return folder_; }
  const std::string& secret() const { return secret_; }
  std::string log() const;
  // A port the server logged when it started listening ("health_port",
  // "metrics_port"), waiting for the log line; 0 when it never came.
  int LoggedPort(const std::string& field) const;

  // Signed tokens for the server's secret.
  std::string PlatformAdminToken() const;
  std::string Token(const std::string& firm, const std::string& member, auth::Role role,
                    absl::Duration ttl = absl::Hours(1)) const;

 private:
  void Launch(const std::vector<std::string>& args,
              const std::vector<std::pair<std::string, std::string>>& env);

  std::string folder_;
  std::string secret_;
  pid_t pid_ = -1;
  int port_ = 0;
  std::shared_ptr<grpc::Channel> channel_;
  std::shared_ptr<grpc::ChannelCredentials> credentials_ = grpc::InsecureChannelCredentials();
};

// A client context carrying `authorization: Bearer <token>` (none when empty)
// and a deadline.
std::unique_ptr<grpc::ClientContext> Authed(const std::string& token);

// Path of a built binary, from the REFNET_BINARY_DIR compile definition.
std::string BinaryPath(const std::string& relative);

// A fresh, valid request id.
std::string NewRequestId();

// Runs `command` through the shell: its standard output and exit status
// (-1 when it did not exit normally).
std::pair<std::string, int> RunShell(const std::string& command);

}  // namespace refnet::testing
