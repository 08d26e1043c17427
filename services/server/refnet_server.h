// The refnet gRPC server: store, services, health, reflection and graceful
// shutdown, wired from a ServerConfig. main.cc only parses flags and waits.
#pragma once

#include <grpcpp/server.h>

#include <memory>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "services/admin/domain/firm_directory.h"
#include "services/asks/domain/ask_book.h"
#include "services/auth/key_ring.h"
#include "services/cache/versioned_cache.h"
#include "services/common/clock.h"
#include "services/common/rpc/call_runner.h"
#include "services/contacts/domain/contact_book.h"
#include "services/ledger/cache/balance_cache.h"
#include "services/ledger/domain/ledger.h"
#include "services/referrals/domain/referral_desk.h"
#include "services/server/memory_trimmer.h"
#include "services/server/server_config.h"
#include "services/server/server_metrics.h"
#include "services/server/tls_reloader.h"
#include "services/storage/sqlite/sqlite_store.h"
#include "services/storage/store.h"

namespace refnet::server {

class RefnetServer {
 public:
  // Opens the store, registers every service and starts listening.
  static absl::StatusOr<std::unique_ptr<RefnetServer>> Start(const ServerConfig& config,
                                                             Clock& clock, IdGenerator& ids);
  ~RefnetServer();

  int port() const { return port_; }
  // The plaintext health port (--health-listen), or 0.
  int health_port() const { return health_port_; }
  // The metrics port (--metrics-listen), or 0.
  int metrics_port() const { return metrics_ != nullptr ? metrics_->port() : 0; }

  // The health service a liveness probe asks for: SERVING from start until
  // shutdown. The server's own status ("") is readiness: NOT_SERVING also
  // while the store's disk is full.
  static constexpr char kLiveness[] = "liveness";

  // Health turns NOT_SERVING, new calls are refused, in-flight calls get until
  // the drain timeout to finish. Safe to call more than once.
  void Shutdown();
  // Blocks until the server has shut down.
  void Wait();

 private:
  // Pair balances kept in process at most (a few hundred bytes each).
  static constexpr size_t kNearPairsMax = 100000;

  RefnetServer() = default;
  // Readiness, until the server drains.
  void SetReady(bool ready);

  ServerConfig config_;
  // Declared first, so it outlives the store that reports commits to it and
  // the server whose interceptors count into it.
  std::unique_ptr<ServerMetrics> metrics_;
  std::unique_ptr<auth::KeyRing> keys_;
  // Declared before server_, so it outlives the server that reads its files.
  std::unique_ptr<TlsReloader> tls_;
  std::unique_ptr<storage::Store> store_;
  // After store_, so it stops before the store closes.
  std::unique_ptr<storage::sqlite::Pruner> pruner_;
  std::unique_ptr<rpc::CallRunner> runner_;
  std::unique_ptr<admin::FirmDirectory> directory_;
  std::unique_ptr<contacts::ContactBook> book_;
  std::unique_ptr<ledger::Ledger> ledger_;
  std::unique_ptr<asks::AskBook> asks_;
  std::unique_ptr<cache::VersionedCache> cache_;
  std::unique_ptr<ledger::NearCache> near_;
  std::unique_ptr<ledger::BalanceCache> balances_;
  std::unique_ptr<referrals::ReferralDesk> referral_desk_;
  std::vector<std::unique_ptr<grpc::Service>> services_;
  std::unique_ptr<grpc::Server> server_;
  std::unique_ptr<grpc::Server> health_server_;
  std::unique_ptr<MemoryTrimmer> trimmer_;
  storage::sqlite::SqliteStore* sqlite_store_ = nullptr;
  int port_ = 0;
  int health_port_ = 0;
  bool shut_down_ = false;
  absl::Mutex health_mu_;
  bool draining_ ABSL_GUARDED_BY(health_mu_) = false;
};

}  // namespace refnet::server
