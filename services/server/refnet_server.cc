// Server wiring. The store is chosen from configuration at start-up.
#include "services/server/refnet_server.h"

#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/health_check_service_interface.h>
#include <grpcpp/server_builder.h>

#include <algorithm>
#include <climits>
#include <fstream>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "grpc/health/v1/health.pb.h"
#include "refnet/v1/admin_service.grpc.pb.h"
#include "refnet/v1/ask_service.grpc.pb.h"
#include "refnet/v1/contact_service.grpc.pb.h"
#include "refnet/v1/ledger_service.grpc.pb.h"
#include "refnet/v1/network_service.grpc.pb.h"
#include "refnet/v1/referral_service.grpc.pb.h"
#include "refnet/v1/review_service.grpc.pb.h"
#include "services/admin/transport/admin_grpc.h"
#include "services/asks/transport/ask_grpc.h"
#include "services/auth/token.h"
#include "services/cache/redis/redis_cache.h"
#include "services/common/log.h"
#include "services/common/rpc/unparsed_request_interceptor.h"
#include "services/common/status.h"
#include "services/contacts/transport/contact_grpc.h"
#include "services/ledger/transport/ledger_grpc.h"
#include "services/network/transport/network_grpc.h"
#include "services/referrals/transport/referral_grpc.h"
#include "services/review/transport/review_grpc.h"
#include "services/server/tls_credentials.h"
#include "services/server/tls_reloader.h"
#include "services/storage/sqlite/sqlite_store.h"

namespace refnet::server {
namespace {

namespace v1 = ::refnet::v1;

absl::StatusOr<std::unique_ptr<storage::sqlite::SqliteStore>> OpenStore(const std::string& spec,
                                                                        Clock& clock) {
  if (absl::StartsWith(spec, "sqlite:")) {
    std::string path = spec.substr(7);
    if (path.empty()) return absl::InvalidArgumentError("--store: sqlite: needs a file path");
    return storage::sqlite::SqliteStore::Open(path, clock);
  }
  return absl::InvalidArgumentError(
      absl::StrCat("--store: \"", spec, "\" is not supported; use sqlite:PATH"));
}

// Limits gRPC enforces on every connection (see TransportConfig).
void SetTransportLimits(const TransportConfig& t, grpc::ServerBuilder& builder) {
  // gRPC takes milliseconds as int; longer is "never" to it anyway.
  auto ms = [](absl::Duration d) {
    return static_cast<int>(std::min<int64_t>(absl::ToInt64Milliseconds(d), INT_MAX));
  };
  builder.AddChannelArgument(GRPC_ARG_MAX_CONCURRENT_STREAMS, t.max_concurrent_streams);
  builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_TIME_MS, ms(t.keepalive_time));
  builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_TIMEOUT_MS, ms(t.keepalive_timeout));
  // Clients may keep idle connections alive with pings, at the interval allowed.
  builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_PERMIT_WITHOUT_CALLS, 1);
  builder.AddChannelArgument(GRPC_ARG_HTTP2_MIN_RECV_PING_INTERVAL_WITHOUT_DATA_MS,
                             ms(t.keepalive_min_interval));
  builder.AddChannelArgument(GRPC_ARG_HTTP2_MAX_PING_STRIKES, 2);
  builder.AddChannelArgument(GRPC_ARG_MAX_CONNECTION_AGE_MS, ms(t.max_connection_age));
  builder.AddChannelArgument(GRPC_ARG_MAX_CONNECTION_AGE_GRACE_MS, ms(t.max_connection_age_grace));
}

bool IsLoopback(absl::string_view listen) {
  return absl::StartsWith(listen, "127.") || absl::StartsWith(listen, "localhost:") ||
         absl::StartsWith(listen, "[::1]:");
}

}  // namespace

absl::StatusOr<std::unique_ptr<RefnetServer>> RefnetServer::Start(const ServerConfig& config,
                                                                  Clock& clock, IdGenerator& ids) {
  if (config.token_secret_file.empty()) {
    return absl::InvalidArgumentError("--token-secret-file is required");
  }
  std::unique_ptr<RefnetServer> server(new RefnetServer());
  server->config_ = config;
  REFNET_ASSIGN_OR_RETURN(server->keys_, auth::KeyRing::Open(config.token_secret_file,
                                                             config.token_keys_reload_interval));
  if (config.tls.enabled()) {
    REFNET_ASSIGN_OR_RETURN(server->tls_, TlsReloader::Start(config.tls));
  }
  REFNET_ASSIGN_OR_RETURN(std::shared_ptr<grpc::ServerCredentials> credentials,
                          MakeServerCredentials(config.tls, server->tls_.get()));
  REFNET_ASSIGN_OR_RETURN(std::unique_ptr<storage::sqlite::SqliteStore> sqlite,
                          OpenStore(config.store, clock));
  storage::sqlite::SqliteStore* sqlite_store = sqlite.get();
  server->store_ = std::move(sqlite);
  server->pruner_ =
      std::make_unique<storage::sqlite::Pruner>(*sqlite_store, clock, config.retention);
  if (!config.metrics_listen.empty()) {
    server->metrics_ = std::make_unique<ServerMetrics>(std::vector<std::string>{
        v1::AdminService::service_full_name(), v1::AskService::service_full_name(),
        v1::ContactService::service_full_name(), v1::LedgerService::service_full_name(),
        v1::NetworkService::service_full_name(), v1::ReferralService::service_full_name(),
        v1::ReviewService::service_full_name(), "grpc.health.v1.Health",
        "grpc.reflection.v1alpha.ServerReflection"});
    ServerMetrics* metrics = server->metrics_.get();
    sqlite_store->set_commit_observer(
        [metrics](absl::Duration took, size_t writes) { metrics->ObserveCommit(took, writes); });
  }
  server->runner_ = std::make_unique<rpc::CallRunner>(*server->keys_, config.token_policy, clock,
                                                      *server->store_, config.limits);
  server->directory_ = std::make_unique<admin::FirmDirectory>(clock, ids);
  server->book_ = std::make_unique<contacts::ContactBook>(clock, ids);
  server->ledger_ = std::make_unique<ledger::Ledger>(clock, ids);
  server->asks_ = std::make_unique<asks::AskBook>(clock, ids, *server->ledger_);
  cache::RedisCache* redis_cache = nullptr;
  if (!config.redis.empty()) {
    REFNET_ASSIGN_OR_RETURN(cache::RedisOptions options, cache::ParseRedisUrl(config.redis));
    REFNET_ASSIGN_OR_RETURN(std::unique_ptr<cache::RedisCache> redis,
                            cache::RedisCache::Create(options));
    redis_cache = redis.get();
    server->cache_ = std::move(redis);
  }
  // The embedded store has no other writer, so pairs can also live in this
  // process (see near_cache.h).
  if (absl::StartsWith(config.store, "sqlite:")) {
    server->near_ = std::make_unique<ledger::NearCache>(kNearPairsMax);
  }
  server->balances_ = std::make_unique<ledger::BalanceCache>(*server->store_, server->cache_.get(),
                                                             server->near_.get(), clock);
  server->services_.push_back(std::make_unique<admin::AdminGrpcService>(
      *server->runner_, *server->store_, *server->directory_, *server->ledger_, *server->balances_,
      *server->keys_, config.token_policy, clock,
      admin::ServerFacts{.store_kind = "sqlite",
                         .cache = server->cache_.get(),
                         .start_time = clock.Now(),
                         .snapshot = [sqlite_store] { return sqlite_store->Snapshot(); }}));
  server->services_.push_back(std::make_unique<contacts::ContactGrpcService>(
      *server->runner_, *server->store_, *server->book_, *server->ledger_, *server->balances_,
      config.transport.stream_idle_timeout));
  server->services_.push_back(std::make_unique<ledger::LedgerGrpcService>(
      *server->runner_, *server->store_, *server->ledger_, *server->balances_));
  server->referral_desk_ = std::make_unique<referrals::ReferralDesk>(clock, ids, *server->ledger_);
  server->services_.push_back(std::make_unique<referrals::ReferralGrpcService>(
      *server->runner_, *server->store_, *server->referral_desk_, *server->balances_, clock));
  server->services_.push_back(std::make_unique<asks::AskGrpcService>(
      *server->runner_, *server->store_, *server->asks_, *server->balances_));
  server->services_.push_back(
      std::make_unique<network::NetworkGrpcService>(*server->runner_, *server->store_, clock));
  server->services_.push_back(
      std::make_unique<review::ReviewGrpcService>(*server->runner_, *server->store_, clock));

  // Linking the compiled health proto lets reflection describe the built-in
  // health service, not only list it.
  (void)grpc::health::v1::HealthCheckRequest::descriptor();
  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();

  grpc::ServerBuilder builder;
  builder.AddListeningPort(config.listen, credentials, &server->port_);
  builder.SetMaxReceiveMessageSize(config.max_message_bytes);
  SetTransportLimits(config.transport, builder);
  std::vector<std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>> interceptors;
  // Metrics first: they see the status the others leave.
  if (server->metrics_ != nullptr)
    interceptors.push_back(server->metrics_->grpc().InterceptorFactory());
  interceptors.push_back(std::make_unique<rpc::UnparsedRequestInterceptorFactory>());
  builder.experimental().SetInterceptorCreators(std::move(interceptors));
  for (auto& service : server->services_) builder.RegisterService(service.get());
  server->server_ = builder.BuildAndStart();
  if (server->server_ == nullptr || server->port_ == 0) {
    return absl::UnavailableError(absl::StrCat("cannot listen on ", config.listen));
  }
  if (!config.health_listen.empty()) {
    // No refnet service is reachable on this plaintext port: health, and the
    // reflection every builder gets, which only describes the public schema
    // (and gives gRPC's health service the server it needs to run on).
    grpc::ServerBuilder health;
    health.AddListeningPort(config.health_listen, grpc::InsecureServerCredentials(),
                            &server->health_port_);
    server->health_server_ = health.BuildAndStart();
    if (server->health_server_ == nullptr || server->health_port_ == 0) {
      return absl::UnavailableError(absl::StrCat("cannot listen on ", config.health_listen));
    }
  }
  if (server->metrics_ != nullptr) {
    REFNET_RETURN_IF_ERROR(server->metrics_->Serve(config.metrics_listen,
                                                   MetricSources{.runner = server->runner_.get(),
                                                                 .redis = redis_cache,
                                                                 .near = server->near_.get(),
                                                                 .store = sqlite_store}));
  }
  // Liveness stays SERVING while the process runs; readiness (the server's
  // own status, "") follows whether writes can commit.
  for (grpc::Server* health : {server->server_.get(), server->health_server_.get()}) {
    if (health != nullptr) health->GetHealthCheckService()->SetServingStatus(kLiveness, true);
  }
  server->sqlite_store_ = sqlite_store;
  RefnetServer* self = server.get();
  sqlite_store->ObserveDiskSpace([self](bool has_space) { self->SetReady(has_space); });
  rpc::CallRunner* runner = server->runner_.get();
  server->trimmer_ = std::make_unique<MemoryTrimmer>([runner] { return runner->admitted(); },
                                                     [runner] { return runner->in_flight(); });
  if (!config.port_file.empty()) {
    std::ofstream(config.port_file) << server->port_ << "\n";
  }
  LogEvent("info", "listening",
           {{"address", config.listen},
            {"port", server->port_},
            {"health_port", server->health_port_},
            {"metrics_port", server->metrics_ != nullptr ? server->metrics_->port() : 0},
            {"store", config.store},
            {"cache", config.redis.empty() ? std::string("none") : config.redis},
            {"transport", !config.tls.enabled()               ? "plaintext"
                          : config.tls.client_ca_file.empty() ? "tls"
                                                              : "mutual tls"}});
  if (!config.tls.enabled() && !IsLoopback(config.listen)) {
    LogEvent("warn",
             "serving plaintext beyond this machine: bearer tokens cross the network "
             "in clear; give --tls-cert-file and --tls-key-file",
             {{"address", config.listen}});
  }
  return server;
}

RefnetServer::~RefnetServer() {
  Shutdown();
  // The store outlives the health services it reports to.
  if (sqlite_store_ != nullptr) sqlite_store_->ObserveDiskSpace(nullptr);
}

void RefnetServer::SetReady(bool ready) {
  absl::MutexLock lock(&health_mu_);
  if (draining_) return;
  server_->GetHealthCheckService()->SetServingStatus("", ready);
  if (health_server_ != nullptr)
    health_server_->GetHealthCheckService()->SetServingStatus("", ready);
}

void RefnetServer::Shutdown() {
  if (shut_down_ || server_ == nullptr) return;
  shut_down_ = true;
  LogEvent("info", "draining", {{"timeout_s", absl::ToDoubleSeconds(config_.drain_timeout)}});
  {
    absl::MutexLock lock(&health_mu_);
    draining_ = true;
    server_->GetHealthCheckService()->SetServingStatus(false);
    if (health_server_ != nullptr) health_server_->GetHealthCheckService()->SetServingStatus(false);
  }
  if (config_.drain_delay > absl::ZeroDuration()) absl::SleepFor(config_.drain_delay);
  server_->Shutdown(absl::ToChronoTime(absl::Now() + config_.drain_timeout));
  if (health_server_ != nullptr) health_server_->Shutdown();
  // Calls are done; the handler threads go before the services they use.
  trimmer_.reset();
  // Scrapes read the runner's pool; the histograms stay for the store.
  if (metrics_ != nullptr) metrics_->StopServing();
  runner_->Stop();
  LogEvent("info", "stopped");
}

void RefnetServer::Wait() { server_->Wait(); }

}  // namespace refnet::server
