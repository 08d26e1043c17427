// Watches the configured TLS files and hands gRPC only pairs that check out.
// gRPC's file watcher takes whatever the files hold: a new key beside the old
// certificate (a renewal written in two steps) would fail every handshake
// until the second file landed. So the server reads the files itself, checks
// them (ReadTlsMaterial), and publishes what passes in memory files that gRPC
// watches instead, each swapped in one step (dup2 onto a fixed descriptor,
// read through /proc/self/fd), which needs no writable file system.
//
// gRPC reads the key and the chain from the one identity file in two reads,
// and reads again when the file's modification time (in whole seconds)
// differs before and after. A swap between the two reads is therefore seen:
// each memory file is written when it is published, and publishes are at
// least the reload interval (1 s or more) apart.
#pragma once

#include <memory>
#include <string>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "services/server/server_config.h"
#include "services/server/tls_credentials.h"

namespace refnet::server {

class TlsReloader {
 public:
  // Reads and checks the files, which must be sound, and re-reads them
  // every reload interval.
  static absl::StatusOr<std::unique_ptr<TlsReloader>> Start(const TlsConfig& tls);
  ~TlsReloader();
  TlsReloader(const TlsReloader&) = delete;
  TlsReloader& operator=(const TlsReloader&) = delete;

  // Paths gRPC reads: the key and chain, and the client CA bundle ("" when
  // there is none).
  std::string identity_path() const;
  std::string roots_path() const;

  // Reads the files again and publishes them when they changed and check out;
  // otherwise the published ones stay and the problem is logged once.
  void Reload();

 private:
  explicit TlsReloader(TlsConfig tls) : tls_(std::move(tls)) {}
  absl::Status Publish(const TlsMaterial& material);
  void Watch();

  const TlsConfig tls_;
  int identity_fd_ = -1;
  int roots_fd_ = -1;
  absl::Mutex mu_;
  TlsMaterial published_ ABSL_GUARDED_BY(mu_);
  std::string last_error_ ABSL_GUARDED_BY(mu_);
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::thread watcher_;
};

}  // namespace refnet::server
