// refnet-server: parse flags, start the server, drain on SIGTERM or SIGINT.
#include <malloc.h>

#include <csignal>
#include <cstdio>
#include <thread>

#include "absl/synchronization/mutex.h"
#include "services/common/clock.h"
#include "services/common/log.h"
#include "services/server/flags.h"
#include "services/server/refnet_server.h"

int main(int argc, char** argv) {
  // Block the shutdown signals in every thread; one thread waits for them.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  refnet::InitJsonLogging();
  // Abseil's debug-time deadlock detection keeps a lock graph on every
  // acquisition; the locking here is simple enough not to pay for it.
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
  // glibc gives each busy thread an arena of its own and keeps what it
  // frees; with dozens of handler threads that idle memory dominated the
  // server's footprint. Two arenas are plenty for two cores' worth of work.
  mallopt(M_ARENA_MAX, 2);
  absl::StatusOr<refnet::server::ServerConfig> config =
      refnet::server::ParseServerFlags(argc, argv);
  if (!config.ok()) {
    refnet::LogEvent("error", "bad configuration",
                     {{"error", std::string(config.status().message())}});
    refnet::FlushLogs();
    return 2;
  }
  refnet::SystemClock clock;
  refnet::RandomIdGenerator ids;
  auto server = refnet::server::RefnetServer::Start(*config, clock, ids);
  if (!server.ok()) {
    refnet::LogEvent("error", "cannot start", {{"error", std::string(server.status().message())}});
    refnet::FlushLogs();
    return 1;
  }
  std::thread waiter([&] {
    int signal = 0;
    sigwait(&signals, &signal);
    refnet::LogEvent("info", "signal", {{"signal", signal}});
    (*server)->Shutdown();
  });
  (*server)->Wait();
  waiter.join();
  refnet::FlushLogs();
  return 0;
}
