// absl flags, with environment variables appended as if given on the command line.
#include "services/server/flags.h"

#include <cstdlib>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/flags/usage_config.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "services/common/build_info.h"

ABSL_FLAG(std::string, listen, "0.0.0.0:50051", "HOST:PORT to listen on; port 0 picks one");
ABSL_FLAG(std::string, store, "sqlite:refnet.db", "system of record: sqlite:PATH");
ABSL_FLAG(std::string, token_secret_file, "",
          "file holding the HS256 token secret (>= 32 bytes), or KEY_ID=SECRET lines: the first "
          "signs, all verify; re-read while running");
ABSL_FLAG(absl::Duration, token_keys_reload_interval, absl::Seconds(10),
          "how often the token secret file is read again");
ABSL_FLAG(absl::Duration, token_clock_skew, absl::Seconds(60),
          "how far a token's iat and nbf may be ahead of this server's clock");
ABSL_FLAG(absl::Duration, token_lifetime_max, absl::Hours(24),
          "the longest lifetime a token may claim, for every role but service");
ABSL_FLAG(absl::Duration, service_token_lifetime_max, absl::Hours(24 * 30),
          "the longest lifetime a service account's token may claim");
ABSL_FLAG(std::string, port_file, "", "write the bound port to this file once listening");
ABSL_FLAG(std::string, health_listen, "",
          "also serve grpc.health.v1, and none of refnet, in plaintext on HOST:PORT (for probes "
          "that speak no "
          "TLS)");
ABSL_FLAG(std::string, metrics_listen, "",
          "serve Prometheus metrics in plaintext at http://HOST:PORT/metrics (port 0 picks one)");
ABSL_FLAG(std::string, redis, "", "cache hot balances in Redis at redis://HOST:PORT[/DB]");
ABSL_FLAG(absl::Duration, drain_timeout, absl::Seconds(10),
          "how long in-flight calls may run after SIGTERM");
ABSL_FLAG(int, handler_threads, 64,
          "threads for handler bodies that wait on the store or Redis (1..1024)");
ABSL_FLAG(int, handler_queue_max, 512,
          "calls waiting for a handler thread at most; more are RESOURCE_EXHAUSTED at once");
ABSL_FLAG(int, max_in_flight, 1024,
          "calls admitted and not finished at most (queued, running, streams open); more are "
          "RESOURCE_EXHAUSTED at once");
ABSL_FLAG(int, firm_max_in_flight, 256,
          "calls one firm may have admitted and not finished at most (0: only --max-in-flight "
          "applies)");
ABSL_FLAG(double, firm_rate_limit_rps, 1000,
          "calls per second each firm may make on this server, unless its settings say "
          "otherwise; 0 for no limit");
ABSL_FLAG(double, firm_rate_burst, 2000, "calls a firm may make at once after a quiet spell");
ABSL_FLAG(absl::Duration, drain_delay, absl::ZeroDuration(),
          "how long to report NOT_SERVING before closing the listener on SIGTERM");
ABSL_FLAG(std::string, tls_cert_file, "",
          "serve TLS only, with this PEM certificate chain (re-read when it changes)");
ABSL_FLAG(std::string, tls_key_file, "", "the PEM private key of --tls-cert-file");
ABSL_FLAG(std::string, tls_client_ca_file, "",
          "require clients to present a certificate signed by this PEM CA (mutual TLS)");
ABSL_FLAG(absl::Duration, tls_reload_interval, absl::Seconds(60),
          "how often the TLS files are read again (at least 1s)");
ABSL_FLAG(absl::Duration, event_retention, absl::Hours(24 * 30),
          "how long events are kept before they are pruned");
ABSL_FLAG(absl::Duration, request_id_retention, absl::Hours(24),
          "how long a request id is recognised, so that a retry is answered as the first call "
          "was (at least 24h)");
ABSL_FLAG(int, max_concurrent_streams, 100, "concurrent calls per client connection");
ABSL_FLAG(absl::Duration, stream_idle_timeout, absl::Seconds(60),
          "a client stream that sends nothing this long is ended with DEADLINE_EXCEEDED");
ABSL_FLAG(absl::Duration, keepalive_time, absl::Seconds(60), "ping an idle connection this often");
ABSL_FLAG(absl::Duration, keepalive_timeout, absl::Seconds(20),
          "drop a connection whose ping is not answered this fast");
ABSL_FLAG(absl::Duration, keepalive_min_interval, absl::Seconds(10),
          "clients pinging more often than this get GOAWAY (too_many_pings)");
ABSL_FLAG(absl::Duration, max_connection_age, absl::Minutes(30),
          "close connections this old (GOAWAY), so clients spread over new replicas");
ABSL_FLAG(absl::Duration, max_connection_age_grace, absl::Minutes(5),
          "how long calls in flight on a connection past its age may still run");

namespace refnet::server {
namespace {

constexpr const char* kFlagNames[] = {"listen",
                                      "store",
                                      "token_secret_file",
                                      "token_keys_reload_interval",
                                      "token_clock_skew",
                                      "token_lifetime_max",
                                      "service_token_lifetime_max",
                                      "port_file",
                                      "health_listen",
                                      "metrics_listen",
                                      "drain_timeout",
                                      "drain_delay",
                                      "redis",
                                      "handler_threads",
                                      "handler_queue_max",
                                      "max_in_flight",
                                      "firm_max_in_flight",
                                      "firm_rate_limit_rps",
                                      "firm_rate_burst",
                                      "tls_cert_file",
                                      "tls_key_file",
                                      "tls_client_ca_file",
                                      "tls_reload_interval",
                                      "event_retention",
                                      "request_id_retention",
                                      "max_concurrent_streams",
                                      "stream_idle_timeout",
                                      "keepalive_time",
                                      "keepalive_timeout",
                                      "keepalive_min_interval",
                                      "max_connection_age",
                                      "max_connection_age_grace"};

// absl spells flags with underscores; --token-secret-file is accepted too.
std::string Canonical(const std::string& arg) {
  if (arg.rfind("--", 0) != 0) return arg;
  size_t eq = arg.find('=');
  std::string name = arg.substr(2, eq == std::string::npos ? std::string::npos : eq - 2);
  absl::StrReplaceAll({{"-", "_"}}, &name);
  return absl::StrCat("--", name, eq == std::string::npos ? "" : arg.substr(eq));
}

bool Given(const std::vector<std::string>& args, absl::string_view name) {
  for (const std::string& arg : args) {
    if (arg == absl::StrCat("--", name) || absl::StartsWith(arg, absl::StrCat("--", name, "="))) {
      return true;
    }
  }
  return false;
}

absl::Status CheckPositive(absl::Duration value, absl::string_view flag) {
  if (value > absl::ZeroDuration()) return absl::OkStatus();
  return absl::InvalidArgumentError(absl::StrCat("--", flag, " must be positive"));
}

absl::Status ReadTokenFlags(ServerConfig& config) {
  config.token_secret_file = absl::GetFlag(FLAGS_token_secret_file);
  config.token_keys_reload_interval = absl::GetFlag(FLAGS_token_keys_reload_interval);
  auth::TokenPolicy& policy = config.token_policy;
  policy.clock_skew = absl::GetFlag(FLAGS_token_clock_skew);
  policy.lifetime_max = absl::GetFlag(FLAGS_token_lifetime_max);
  policy.service_lifetime_max = absl::GetFlag(FLAGS_service_token_lifetime_max);
  if (policy.clock_skew < absl::ZeroDuration()) {
    return absl::InvalidArgumentError("--token-clock-skew must not be negative");
  }
  if (config.token_keys_reload_interval < absl::ZeroDuration()) {
    return absl::InvalidArgumentError("--token-keys-reload-interval must not be negative");
  }
  if (absl::Status s = CheckPositive(policy.lifetime_max, "token-lifetime-max"); !s.ok()) return s;
  return CheckPositive(policy.service_lifetime_max, "service-token-lifetime-max");
}

absl::Status ReadLimitFlags(rpc::CallLimits& limits) {
  limits.handler_threads = absl::GetFlag(FLAGS_handler_threads);
  if (limits.handler_threads < 1 || limits.handler_threads > 1024) {
    return absl::InvalidArgumentError("--handler-threads must be between 1 and 1024");
  }
  int queue_max = absl::GetFlag(FLAGS_handler_queue_max);
  if (queue_max < 0 || queue_max > 100000) {
    return absl::InvalidArgumentError("--handler-queue-max must be between 0 and 100000");
  }
  limits.handler_queue_max = static_cast<size_t>(queue_max);
  limits.in_flight_max = absl::GetFlag(FLAGS_max_in_flight);
  if (limits.in_flight_max < 1 || limits.in_flight_max > 1000000) {
    return absl::InvalidArgumentError("--max-in-flight must be between 1 and 1000000");
  }
  limits.firm_in_flight_max = absl::GetFlag(FLAGS_firm_max_in_flight);
  if (limits.firm_in_flight_max < 0 || limits.firm_in_flight_max > 1000000) {
    return absl::InvalidArgumentError("--firm-max-in-flight must be between 0 and 1000000");
  }
  limits.firm_rate.rps = absl::GetFlag(FLAGS_firm_rate_limit_rps);
  limits.firm_rate.burst = absl::GetFlag(FLAGS_firm_rate_burst);
  if (!(limits.firm_rate.rps >= 0 && limits.firm_rate.rps <= 1e6)) {
    return absl::InvalidArgumentError("--firm-rate-limit-rps must be between 0 and 1000000");
  }
  if (!(limits.firm_rate.burst >= 1 && limits.firm_rate.burst <= 1e6)) {
    return absl::InvalidArgumentError("--firm-rate-burst must be between 1 and 1000000");
  }
  return absl::OkStatus();
}

absl::Status ReadTlsFlags(TlsConfig& tls) {
  tls.cert_file = absl::GetFlag(FLAGS_tls_cert_file);
  tls.key_file = absl::GetFlag(FLAGS_tls_key_file);
  tls.client_ca_file = absl::GetFlag(FLAGS_tls_client_ca_file);
  tls.reload_interval = absl::GetFlag(FLAGS_tls_reload_interval);
  if (tls.cert_file.empty() != tls.key_file.empty()) {
    return absl::InvalidArgumentError("--tls-cert-file and --tls-key-file go together");
  }
  if (!tls.client_ca_file.empty() && tls.cert_file.empty()) {
    return absl::InvalidArgumentError(
        "--tls-client-ca-file needs --tls-cert-file and --tls-key-file");
  }
  if (tls.reload_interval < absl::Seconds(1)) {
    return absl::InvalidArgumentError("--tls-reload-interval must be at least 1s");
  }
  return absl::OkStatus();
}

absl::Status ReadTransportFlags(TransportConfig& t) {
  t.max_concurrent_streams = absl::GetFlag(FLAGS_max_concurrent_streams);
  if (t.max_concurrent_streams < 1 || t.max_concurrent_streams > 100000) {
    return absl::InvalidArgumentError("--max-concurrent-streams must be between 1 and 100000");
  }
  t.stream_idle_timeout = absl::GetFlag(FLAGS_stream_idle_timeout);
  t.keepalive_time = absl::GetFlag(FLAGS_keepalive_time);
  t.keepalive_timeout = absl::GetFlag(FLAGS_keepalive_timeout);
  t.keepalive_min_interval = absl::GetFlag(FLAGS_keepalive_min_interval);
  t.max_connection_age = absl::GetFlag(FLAGS_max_connection_age);
  t.max_connection_age_grace = absl::GetFlag(FLAGS_max_connection_age_grace);
  for (auto [value, flag] : {std::pair{t.stream_idle_timeout, "stream-idle-timeout"},
                             {t.keepalive_time, "keepalive-time"},
                             {t.keepalive_timeout, "keepalive-timeout"},
                             {t.keepalive_min_interval, "keepalive-min-interval"},
                             {t.max_connection_age, "max-connection-age"},
                             {t.max_connection_age_grace, "max-connection-age-grace"}}) {
    if (absl::Status s = CheckPositive(value, flag); !s.ok()) return s;
  }
  return absl::OkStatus();
}

absl::Status ReadRetentionFlags(storage::sqlite::RetentionPolicy& retention) {
  retention.events = absl::GetFlag(FLAGS_event_retention);
  retention.request_ids = absl::GetFlag(FLAGS_request_id_retention);
  if (absl::Status s = CheckPositive(retention.events, "event-retention"); !s.ok()) return s;
  if (retention.request_ids < storage::sqlite::kRequestIdRetentionMin) {
    return absl::InvalidArgumentError(
        absl::StrCat("--request-id-retention must be at least ",
                     absl::FormatDuration(storage::sqlite::kRequestIdRetentionMin),
                     ": clients retry a write for up to a day"));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<ServerConfig> ParseServerFlags(int argc, char** argv) {
  absl::SetProgramUsageMessage(
      "the refnet gRPC service.\n"
      "  refnet-server --listen 0.0.0.0:50051 --store sqlite:data/refnet.db "
      "--token-secret-file data/token-secret\n"
      "Every flag may also come from REFNET_<FLAG> (e.g. REFNET_TOKEN_SECRET_FILE).");
  absl::FlagsUsageConfig usage;
  usage.version_string = [] { return VersionLine("refnet-server") + "\n"; };
  absl::SetFlagsUsageConfig(usage);
  std::vector<std::string> args;
  for (int i = 0; i < argc; ++i) args.push_back(i == 0 ? argv[i] : Canonical(argv[i]));
  // The environment fills in what the command line leaves out.
  for (const char* name : kFlagNames) {
    const char* value = std::getenv(absl::StrCat("REFNET_", absl::AsciiStrToUpper(name)).c_str());
    if (value != nullptr && !Given(args, name))
      args.push_back(absl::StrCat("--", name, "=", value));
  }
  std::vector<char*> raw;
  for (std::string& arg : args) raw.push_back(arg.data());
  absl::ParseCommandLine(static_cast<int>(raw.size()), raw.data());
  ServerConfig config;
  config.listen = absl::GetFlag(FLAGS_listen);
  config.store = absl::GetFlag(FLAGS_store);
  config.port_file = absl::GetFlag(FLAGS_port_file);
  config.health_listen = absl::GetFlag(FLAGS_health_listen);
  config.metrics_listen = absl::GetFlag(FLAGS_metrics_listen);
  config.redis = absl::GetFlag(FLAGS_redis);
  config.drain_timeout = absl::GetFlag(FLAGS_drain_timeout);
  config.drain_delay = absl::GetFlag(FLAGS_drain_delay);
  if (config.drain_timeout < absl::ZeroDuration() || config.drain_delay < absl::ZeroDuration()) {
    return absl::InvalidArgumentError("--drain-timeout and --drain-delay must not be negative");
  }
  if (absl::Status s = ReadTokenFlags(config); !s.ok()) return s;
  if (absl::Status s = ReadLimitFlags(config.limits); !s.ok()) return s;
  if (absl::Status s = ReadTlsFlags(config.tls); !s.ok()) return s;
  if (absl::Status s = ReadTransportFlags(config.transport); !s.ok()) return s;
  if (absl::Status s = ReadRetentionFlags(config.retention); !s.ok()) return s;
  return config;
}

}  // namespace refnet::server
