// The call path shared by every cache operation: admission, a pooled
// connection, the server check, the invalidation a probe performs, EVALSHA
// with one reload, and failure accounting.
#include "services/cache/redis/script_runner.h"

#include <iterator>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/match.h"

namespace refnet::cache {
namespace {

using Verdict = CircuitBreaker::Verdict;

bool Succeeded(const RedisReply& reply) { return reply != nullptr && !IsErrorReply(*reply); }

// The run_id line of INFO server: it changes whenever the server restarts,
// even when it reloads the same data from disk.
bool ParseRunId(absl::string_view info, std::string* run_id) {
  constexpr absl::string_view kField = "run_id:";
  size_t start = info.find(kField);
  if (start == absl::string_view::npos) return false;
  start += kField.size();
  size_t end = info.find_first_of("\r\n", start);
  if (end == absl::string_view::npos) end = info.size();
  *run_id = std::string(info.substr(start, end - start));
  return !run_id->empty();
}

}  // namespace

ScriptRunner::ScriptRunner(const RedisOptions& options, Clock& clock, CacheCounters& counters)
    : clock_(clock),
      counters_(counters),
      breaker_(options.breaker_failures_to_open, options.breaker_cooldown),
      pool_(options) {}

RedisReply ScriptRunner::Run(const LuaScript& script, absl::string_view generation_key,
                             const std::vector<absl::string_view>& args, bool fence) {
  const CircuitBreaker::Admission admission = breaker_.Admit(clock_.Now(), fence);
  if (admission.verdict == Verdict::kRefuse) {
    Increment(counters_.breaker_refused);
    return nullptr;
  }
  const bool probe = admission.verdict == Verdict::kProbe;
  absl::StatusOr<ConnectionPool::Lease> lease = pool_.Acquire();
  if (!lease.ok()) {
    if (absl::IsResourceExhausted(lease.status())) {
      Increment(counters_.busy);
      if (probe) breaker_.ProbeAbandoned();
    } else {
      Failed(probe, nullptr);
    }
    return nullptr;
  }
  RedisConnection& connection = **lease;
  if (probe) {
    if (!Invalidate(connection)) {
      Failed(/*probe=*/true, &connection);
      return nullptr;
    }
    breaker_.ProbeSucceeded(admission.marks);
  } else if (lease->fresh()) {
    switch (CheckServer(connection)) {
      case ServerCheck::kFailed:
        Failed(/*probe=*/false, &connection);
        return nullptr;
      case ServerCheck::kChanged:
        breaker_.MarkStale();
        if (!fence) return nullptr;
        break;
      case ServerCheck::kSame:
        break;
    }
  }
  // Anything marked since admission (a failed tombstone elsewhere, a restart
  // seen on another connection) means this answer could be stale.
  if (!fence && !breaker_.StillServing(admission.marks)) return nullptr;
  std::vector<absl::string_view> argv = {"EVALSHA", script.sha1, "2", kEpochKey, generation_key};
  argv.insert(argv.end(), args.begin(), args.end());
  RedisReply reply = EvalSha(connection, script, argv);
  if (!Succeeded(reply)) {
    Failed(/*probe=*/false, &connection);
    return nullptr;
  }
  breaker_.RecordSuccess();
  return reply;
}

ScriptRunner::ServerCheck ScriptRunner::CheckServer(RedisConnection& connection) {
  RedisReply info = connection.Command({"INFO", "server"});
  std::string run_id;
  if (!Succeeded(info) || !ParseRunId(ReplyText(*info), &run_id)) return ServerCheck::kFailed;
  absl::MutexLock lock(&mu_);
  return run_id == run_id_ ? ServerCheck::kSame : ServerCheck::kChanged;
}

bool ScriptRunner::Invalidate(RedisConnection& connection) {
  // A token was never an epoch before, so no generation made earlier, on
  // this server or on a snapshot of it, can be current again. A new or
  // restarted server has no scripts; loading them now spares the first calls
  // a NOSCRIPT round trip. One pipeline keeps the probe to one round trip.
  const std::string epoch = tokens_.Next();
  const LuaScript* const scripts[] = {&Scripts().get, &Scripts().tombstone, &Scripts().fill,
                                      &Scripts().rotate};
  std::vector<std::vector<absl::string_view>> commands = {
      {"PING"}, {"INFO", "server"}, {"SET", kEpochKey, epoch}};
  for (const LuaScript* script : scripts) commands.push_back({"SCRIPT", "LOAD", script->body});
  std::vector<RedisReply> replies = connection.Pipeline(commands);
  if (replies.size() != commands.size()) return false;
  for (const RedisReply& reply : replies) {
    if (!Succeeded(reply)) return false;
  }
  std::string run_id;
  if (!ParseRunId(ReplyText(*replies[1]), &run_id)) return false;
  for (size_t i = 0; i < std::size(scripts); ++i) {
    if (ReplyText(*replies[3 + i]) != scripts[i]->sha1) return false;
  }
  {
    absl::MutexLock lock(&mu_);
    run_id_ = std::move(run_id);
  }
  Increment(counters_.invalidations);
  return true;
}

RedisReply ScriptRunner::EvalSha(RedisConnection& connection, const LuaScript& script,
                                 const std::vector<absl::string_view>& argv) {
  RedisReply reply = connection.Command(argv);
  // SCRIPT FLUSH, a restart or a failover empties the script cache; reload
  // once and retry, so that never reaches callers.
  if (reply == nullptr || !IsErrorReply(*reply) ||
      !absl::StartsWith(ReplyText(*reply), "NOSCRIPT")) {
    return reply;
  }
  RedisReply loaded = connection.Command({"SCRIPT", "LOAD", script.body});
  if (!Succeeded(loaded)) return loaded;
  Increment(counters_.script_loads);
  // A different digest would mean the server hashes differently; EVALSHA
  // would keep failing, so report it as a failure now.
  if (ReplyText(*loaded) != script.sha1) return nullptr;
  return connection.Command(argv);
}

void ScriptRunner::Failed(bool probe, RedisConnection* connection) {
  Increment(counters_.errors);
  const bool broken = connection == nullptr || connection->broken();
  if (probe) {
    breaker_.ProbeFailed(clock_.Now());
    pool_.DropIdle();
    return;
  }
  if (breaker_.RecordFailure(clock_.Now())) {
    Increment(counters_.breaker_opens);
    pool_.DropIdle();
  } else if (broken) {
    // The other idle connections most likely reach the same dead or
    // restarted server; reconnecting them now spares each a failure.
    pool_.DropIdle();
  }
}

}  // namespace refnet::cache
