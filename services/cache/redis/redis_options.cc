// Parsing of the `--redis` URL; everything else in RedisOptions has defaults.
#include "services/cache/redis/redis_options.h"

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "services/common/status.h"

namespace refnet::cache {
namespace {

constexpr absl::string_view kScheme = "redis://";
constexpr absl::string_view kField = "--redis";
constexpr int kDefaultPort = 6379;
constexpr int kDbMax = 65535;
constexpr size_t kHostLengthMax = 253;  // a DNS name's limit
constexpr int kPoolSizeMax = 256;

absl::Status BadUrl(absl::string_view url, absl::string_view problem) {
  return FieldError(kField, absl::StrCat(problem, " in \"", url,
                                         "\"; expected redis://HOST:PORT or redis://HOST:PORT/DB"));
}

// Splits "host:port" or "[v6]:port" into host and port text (empty when absent).
bool SplitHostPort(absl::string_view authority, absl::string_view* host, absl::string_view* port) {
  if (absl::StartsWith(authority, "[")) {
    size_t close = authority.find(']');
    if (close == absl::string_view::npos) return false;
    *host = authority.substr(1, close - 1);
    absl::string_view rest = authority.substr(close + 1);
    if (rest.empty()) return true;
    if (rest.front() != ':') return false;
    *port = rest.substr(1);
    return !port->empty();
  }
  size_t colon = authority.rfind(':');
  if (colon == absl::string_view::npos) {
    *host = authority;
    return true;
  }
  *host = authority.substr(0, colon);
  *port = authority.substr(colon + 1);
  return host->find(':') == absl::string_view::npos && !port->empty();
}

}  // namespace

absl::StatusOr<RedisOptions> ParseRedisUrl(absl::string_view url) {
  if (!absl::StartsWith(url, kScheme)) return BadUrl(url, "missing redis:// scheme");
  absl::string_view rest = url.substr(kScheme.size());
  absl::string_view authority = rest;
  absl::string_view db_text;
  bool has_db = false;
  if (size_t slash = rest.find('/'); slash != absl::string_view::npos) {
    authority = rest.substr(0, slash);
    db_text = rest.substr(slash + 1);
    has_db = true;
  }
  if (absl::StrContains(authority, '@')) {
    return BadUrl(url, "credentials are not supported");
  }
  absl::string_view host;
  absl::string_view port_text;
  if (!SplitHostPort(authority, &host, &port_text)) return BadUrl(url, "malformed HOST:PORT");
  if (host.empty() || host.size() > kHostLengthMax) return BadUrl(url, "bad HOST");
  RedisOptions options;
  options.host = std::string(host);
  options.port = kDefaultPort;
  if (!port_text.empty() &&
      (!absl::SimpleAtoi(port_text, &options.port) || options.port < 1 || options.port > 65535)) {
    return BadUrl(url, "PORT must be 1..65535");
  }
  if (has_db &&
      (!absl::SimpleAtoi(db_text, &options.db) || options.db < 0 || options.db > kDbMax)) {
    return BadUrl(url, "DB must be a number 0..65535");
  }
  return options;
}

absl::Status ValidateRedisOptions(const RedisOptions& options) {
  REFNET_CHECK_FIELD(!options.host.empty(), "redis.host", "must not be empty");
  REFNET_CHECK_FIELD(options.port >= 1 && options.port <= 65535, "redis.port", "must be 1..65535");
  REFNET_CHECK_FIELD(options.db >= 0 && options.db <= kDbMax, "redis.db", "must be 0..65535");
  REFNET_CHECK_FIELD(options.pool_size >= 1 && options.pool_size <= kPoolSizeMax, "redis.pool_size",
                     "must be 1..256");
  REFNET_CHECK_FIELD(options.command_timeout > absl::ZeroDuration(), "redis.command_timeout",
                     "must be positive");
  REFNET_CHECK_FIELD(options.connect_timeout > absl::ZeroDuration(), "redis.connect_timeout",
                     "must be positive");
  REFNET_CHECK_FIELD(options.breaker_failures_to_open >= 1, "redis.breaker_failures_to_open",
                     "must be at least 1");
  REFNET_CHECK_FIELD(options.breaker_cooldown >= absl::ZeroDuration(), "redis.breaker_cooldown",
                     "must not be negative");
  REFNET_CHECK_FIELD(options.key_ttl >= absl::Milliseconds(1), "redis.key_ttl",
                     "must be at least 1ms");
  return absl::OkStatus();
}

}  // namespace refnet::cache
