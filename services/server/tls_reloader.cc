// Memory files (memfd_create) published by dup2; see tls_reloader.h.
#include "services/server/tls_reloader.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "absl/strings/str_cat.h"
#include "services/common/log.h"

namespace refnet::server {
namespace {

// A new memory file holding `text`, or -1.
int MemoryFile(const char* name, const std::string& text) {
  int fd = memfd_create(name, MFD_CLOEXEC);
  if (fd < 0) return -1;
  size_t written = 0;
  while (written < text.size()) {
    ssize_t n = write(fd, text.data() + written, text.size() - written);
    if (n <= 0) {
      close(fd);
      return -1;
    }
    written += static_cast<size_t>(n);
  }
  return fd;
}

// Puts a new memory file holding `text` at descriptor `*fd` (made on first
// use), in one step.
absl::Status Swap(const char* name, const std::string& text, int* fd) {
  int fresh = MemoryFile(name, text);
  if (fresh < 0) {
    return absl::InternalError(absl::StrCat("cannot hold ", name, ": ", std::strerror(errno)));
  }
  if (*fd < 0) {
    *fd = fresh;
    return absl::OkStatus();
  }
  int swapped = dup3(fresh, *fd, O_CLOEXEC);
  close(fresh);
  if (swapped < 0) {
    return absl::InternalError(absl::StrCat("cannot swap ", name, ": ", std::strerror(errno)));
  }
  return absl::OkStatus();
}

std::string FdPath(int fd) { return fd < 0 ? std::string() : absl::StrCat("/proc/self/fd/", fd); }

}  // namespace

absl::StatusOr<std::unique_ptr<TlsReloader>> TlsReloader::Start(const TlsConfig& tls) {
  absl::StatusOr<TlsMaterial> material = ReadTlsMaterial(tls);
  if (!material.ok()) return material.status();
  std::unique_ptr<TlsReloader> reloader(new TlsReloader(tls));
  absl::Status published = reloader->Publish(*material);
  if (!published.ok()) return published;
  reloader->watcher_ = std::thread([r = reloader.get()] { r->Watch(); });
  return reloader;
}

TlsReloader::~TlsReloader() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
  }
  if (watcher_.joinable()) watcher_.join();
  if (identity_fd_ >= 0) close(identity_fd_);
  if (roots_fd_ >= 0) close(roots_fd_);
}

std::string TlsReloader::identity_path() const { return FdPath(identity_fd_); }
std::string TlsReloader::roots_path() const { return FdPath(roots_fd_); }

absl::Status TlsReloader::Publish(const TlsMaterial& material) {
  absl::Status identity = Swap("refnet-tls-identity", material.identity_pem, &identity_fd_);
  if (!identity.ok()) return identity;
  if (!material.roots_pem.empty()) {
    absl::Status roots = Swap("refnet-tls-roots", material.roots_pem, &roots_fd_);
    if (!roots.ok()) return roots;
  }
  absl::MutexLock lock(&mu_);
  published_ = material;
  return absl::OkStatus();
}

void TlsReloader::Reload() {
  absl::StatusOr<TlsMaterial> material = ReadTlsMaterial(tls_);
  {
    absl::MutexLock lock(&mu_);
    if (!material.ok()) {
      std::string error(material.status().message());
      if (error != last_error_) {
        LogEvent("error", "TLS files not reloaded; the certificate in use stays",
                 {{"error", error}});
      }
      last_error_ = std::move(error);
      return;
    }
    last_error_.clear();
    if (material->identity_pem == published_.identity_pem &&
        material->roots_pem == published_.roots_pem) {
      return;
    }
  }
  absl::Status published = Publish(*material);
  if (!published.ok()) {
    LogEvent("error", "TLS files not reloaded", {{"error", std::string(published.message())}});
    return;
  }
  LogEvent("info", "TLS files reloaded",
           {{"subject", material->subject}, {"not_after", material->not_after}});
}

void TlsReloader::Watch() {
  while (true) {
    {
      absl::MutexLock lock(&mu_);
      auto stopping = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return stopping_; };
      if (mu_.AwaitWithTimeout(absl::Condition(&stopping), tls_.reload_interval)) return;
    }
    Reload();
  }
}

}  // namespace refnet::server
