// The cache operations: input bounds, key names, script arguments and reply
// decoding. Whether Redis may be used at all is ScriptRunner's decision.
#include "services/cache/redis/redis_cache.h"

#include <hiredis/hiredis.h>
#include <signal.h>

#include <mutex>

#include "absl/strings/str_cat.h"
#include "services/cache/redis/lua_scripts.h"
#include "services/cache/redis/wire_format.h"

namespace refnet::cache {
namespace {

constexpr size_t kGenerationLengthMax = 128;

// A brace would move or break the Redis Cluster hash tag.
bool ValidFirm(absl::string_view firm) {
  return !firm.empty() && firm.size() <= kFirmLengthMax &&
         firm.find_first_of("{}") == absl::string_view::npos;
}

bool ValidKey(absl::string_view key) { return !key.empty() && key.size() <= kKeyLengthMax; }

std::string GenerationKey(absl::string_view firm) {
  return absl::StrCat("refnet:{", firm, "}:gen");
}
std::string FirmPrefix(absl::string_view firm) { return absl::StrCat("refnet:{", firm, "}:"); }

// hiredis writes with write(2): a connection Redis already closed raises
// SIGPIPE, whose default action would kill the whole server.
void IgnoreSigpipeUnlessHandled() {
  static std::once_flag once;
  std::call_once(once, [] {
    struct sigaction current = {};
    if (sigaction(SIGPIPE, nullptr, &current) == 0 && current.sa_handler == SIG_DFL) {
      signal(SIGPIPE, SIG_IGN);
    }
  });
}

bool IsString(const redisReply& reply) { return reply.type == REDIS_REPLY_STRING; }

}  // namespace

absl::StatusOr<std::unique_ptr<RedisCache>> RedisCache::Create(const RedisOptions& options,
                                                               Clock* clock) {
  if (absl::Status status = ValidateRedisOptions(options); !status.ok()) return status;
  IgnoreSigpipeUnlessHandled();
  return std::unique_ptr<RedisCache>(new RedisCache(options, clock));
}

RedisCache::RedisCache(const RedisOptions& options, Clock* clock)
    : owned_clock_(clock == nullptr ? std::make_unique<SystemClock>() : nullptr),
      ttl_ms_(absl::StrCat(absl::ToInt64Milliseconds(options.key_ttl))),
      runner_(options, clock == nullptr ? *owned_clock_ : *clock, counters_) {}

std::optional<CacheRead> RedisCache::Get(absl::string_view firm, absl::string_view key) {
  if (!ValidFirm(firm) || !ValidKey(key)) {
    Increment(counters_.unavailable);
    return std::nullopt;
  }
  const std::string token = runner_.NewToken();
  RedisReply reply =
      runner_.Run(Scripts().get, GenerationKey(firm), {token, FirmPrefix(firm), key});
  if (reply == nullptr || reply->type != REDIS_REPLY_ARRAY || reply->elements != 2 ||
      !IsString(*reply->element[0])) {
    if (reply != nullptr) Increment(counters_.errors);
    Increment(counters_.unavailable);
    return std::nullopt;
  }
  CacheRead read;
  read.generation = std::string(ReplyText(*reply->element[0]));
  const redisReply& stored = *reply->element[1];
  if (IsNilReply(stored)) {
    Increment(counters_.misses);
    return read;
  }
  std::optional<Entry> entry = IsString(stored) ? ParseEntry(ReplyText(stored)) : std::nullopt;
  if (!entry.has_value()) {
    // Not written by this library: do not trust it, and let the caller
    // read the store without filling over it.
    Increment(counters_.errors);
    Increment(counters_.unavailable);
    return std::nullopt;
  }
  read.version = entry->version;
  if (entry->tombstone) {
    Increment(counters_.misses);
    return read;
  }
  Increment(counters_.hits);
  read.value = std::move(entry->value);
  return read;
}

std::optional<std::string> RedisCache::Tombstone(
    absl::string_view firm, const std::vector<std::pair<std::string, int64_t>>& key_versions) {
  bool valid = ValidFirm(firm) && key_versions.size() <= kTombstoneBatchMax;
  for (const auto& [key, version] : key_versions) valid = valid && ValidKey(key) && version >= 0;
  RedisReply reply;
  if (valid) {
    const std::string token = runner_.NewToken();
    const std::string prefix = FirmPrefix(firm);
    std::vector<std::string> versions;
    versions.reserve(key_versions.size());  // no reallocation: `args` views its strings
    std::vector<absl::string_view> args = {token, prefix, ttl_ms_};
    for (const auto& [key, version] : key_versions) {
      versions.push_back(EncodeVersion(version));
      args.push_back(key);
      args.push_back(versions.back());
    }
    reply = runner_.Run(Scripts().tombstone, GenerationKey(firm), args, /*fence=*/true);
  }
  if (reply == nullptr || !IsString(*reply)) {
    // The caller commits anyway, so an older value could stay readable:
    // invalidate everything before serving again.
    if (reply != nullptr) Increment(counters_.errors);
    Increment(counters_.unavailable);
    runner_.MarkStale();
    return std::nullopt;
  }
  return std::string(ReplyText(*reply));
}

void RedisCache::Fill(absl::string_view firm, absl::string_view generation, absl::string_view key,
                      int64_t version, absl::string_view value) {
  if (!ValidFirm(firm) || !ValidKey(key) || version < 0 || value.size() > kValueLengthMax ||
      generation.empty() || generation.size() > kGenerationLengthMax) {
    Increment(counters_.unavailable);
    return;
  }
  const std::string encoded_version = EncodeVersion(version);
  RedisReply reply =
      runner_.Run(Scripts().fill, GenerationKey(firm),
                  {generation, FirmPrefix(firm), key, encoded_version, value, ttl_ms_});
  if (reply == nullptr || reply->type != REDIS_REPLY_INTEGER) {
    if (reply != nullptr) Increment(counters_.errors);
    Increment(counters_.unavailable);
    return;
  }
  Increment(reply->integer == 1 ? counters_.fills_stored : counters_.fills_refused);
}

void RedisCache::RotateGeneration(absl::string_view firm) {
  // Nothing was ever stored under an invalid firm, so nothing to retire.
  if (!ValidFirm(firm)) return;
  const std::string token = runner_.NewToken();
  RedisReply reply = runner_.Run(Scripts().rotate, GenerationKey(firm), {token});
  if (reply == nullptr || !IsString(*reply)) {
    // The caller wanted this firm's entries gone; retiring every firm's is
    // the only way left.
    if (reply != nullptr) Increment(counters_.errors);
    Increment(counters_.unavailable);
    runner_.MarkStale();
  }
}

}  // namespace refnet::cache
