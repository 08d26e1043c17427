// Admission, the handler pool, status mapping and the per-RPC log line.
#include "services/common/rpc/call_runner.h"

#include <chrono>
#include <memory>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "services/common/log.h"
#include "services/common/rpc/status_mapping.h"

namespace refnet::rpc {
namespace {

absl::Status OverRate(const std::string& firm_id, const FirmRateLimiter::Decision& decision) {
  std::string limit =
      absl::StrFormat("%g calls/s with bursts of %g", decision.limit.rps, decision.limit.burst);
  absl::Status status = absl::ResourceExhaustedError(absl::StrCat(
      "firm ", firm_id, " is over its rate limit of ", limit, " on this server; retry after ",
      absl::FormatDuration(absl::Ceil(decision.retry_after, absl::Milliseconds(1)))));
  SetRetryInfo(status, decision.retry_after);
  SetQuotaFailure(status, absl::StrCat("firms/", firm_id), absl::StrCat("rate limit: ", limit));
  return status;
}

// The line every call leaves, whether it ran or was refused.
void LogCall(absl::string_view method, absl::Time start, const auth::Principal* principal,
             const absl::Status& status) {
  std::string code = absl::StatusCodeToString(status.code());
  RpcLogLine line;
  line.method = method;
  line.code = code;
  line.duration_ms = absl::ToDoubleMilliseconds(absl::Now() - start);
  line.error = status.message();
  line.server_fault = status.code() == absl::StatusCode::kInternal ||
                      status.code() == absl::StatusCode::kUnknown ||
                      status.code() == absl::StatusCode::kDataLoss;
  if (principal != nullptr) {
    line.firm = principal->firm_id;
    line.member = principal->member_id;
    line.role = auth::RoleToString(principal->role);
  }
  LogRpc(line);
}

// A firm's override from its settings.
FirmRateLimiter::Lookup SettingsLookup(storage::Store& store) {
  return [&store](const std::string& firm_id) -> absl::StatusOr<RateLimit> {
    RateLimit limit;
    absl::Status status = store.Read([&](storage::Tx& tx) -> absl::Status {
      absl::StatusOr<admin::FirmSettings> settings = tx.Admin().GetSettings(firm_id);
      if (!settings.ok()) return settings.status();
      limit.rps = settings->rate_limit_rps;
      limit.burst = settings->rate_burst;
      return absl::OkStatus();
    });
    if (!status.ok()) return status;
    return limit;
  };
}

}  // namespace

CallRunner::Admission::Admission(Admission&& other) noexcept
    : in_flight_(std::exchange(other.in_flight_, nullptr)),
      firms_(std::exchange(other.firms_, nullptr)),
      principal_(std::move(other.principal_)),
      start_(other.start_) {}

CallRunner::Admission::~Admission() {
  if (in_flight_ != nullptr) in_flight_->fetch_sub(1, std::memory_order_relaxed);
  if (firms_ != nullptr) firms_->ReturnSlot(principal_.firm_id);
}

CallRunner::CallRunner(auth::KeyRing& keys, auth::TokenPolicy policy, Clock& clock,
                       storage::Store& store, CallLimits limits)
    : authenticator_(keys, policy, clock, store),
      rate_limiter_(limits.firm_rate, limits.firm_rate_refresh, SettingsLookup(store), clock,
                    limits.firm_in_flight_max),
      in_flight_max_(limits.in_flight_max),
      pool_(std::make_unique<HandlerPool>(limits.handler_threads, limits.handler_queue_max)) {
  rate_limiter_.Start();
}

CallStats CallRunner::stats() const {
  CallStats stats;
  stats.in_flight = in_flight();
  stats.admitted = admitted();
  stats.refused_firm_rate = refused_firm_rate_.load(std::memory_order_relaxed);
  stats.refused_firm_in_flight = refused_firm_in_flight_.load(std::memory_order_relaxed);
  stats.refused_server_in_flight = refused_server_in_flight_.load(std::memory_order_relaxed);
  stats.refused_queue_full = refused_queue_full_.load(std::memory_order_relaxed);
  // After Stop there is no pool and nothing waits.
  stats.queued = pool_ != nullptr ? static_cast<int64_t>(pool_->queued()) : 0;
  return stats;
}

absl::StatusOr<CallRunner::Admission> CallRunner::TryAdmit(const grpc::ServerContextBase& context,
                                                           absl::Time start) {
  absl::StatusOr<auth::Principal> principal = authenticator_.Verify(context);
  if (!principal.ok()) return principal.status();
  const std::string& firm_id = principal->firm_id;
  FirmRateLimiter* firm_slot = nullptr;
  if (!firm_id.empty()) {
    FirmRateLimiter::Decision decision = rate_limiter_.Acquire(firm_id);
    if (!decision.allowed) {
      refused_firm_rate_.fetch_add(1, std::memory_order_relaxed);
      return OverRate(firm_id, decision);
    }
    if (!rate_limiter_.TakeSlot(firm_id)) {
      refused_firm_in_flight_.fetch_add(1, std::memory_order_relaxed);
      return absl::ResourceExhaustedError(
          absl::StrCat("firm ", firm_id, " has ", rate_limiter_.in_flight_max(),
                       " calls in flight on this server already, its share; retry with backoff"));
    }
    firm_slot = &rate_limiter_;
  }
  if (in_flight_.fetch_add(1, std::memory_order_relaxed) >= in_flight_max_) {
    in_flight_.fetch_sub(1, std::memory_order_relaxed);
    if (firm_slot != nullptr) firm_slot->ReturnSlot(firm_id);
    refused_server_in_flight_.fetch_add(1, std::memory_order_relaxed);
    return absl::ResourceExhaustedError(absl::StrCat("the server is handling ", in_flight_max_,
                                                     " calls already; retry with backoff"));
  }
  admitted_.fetch_add(1, std::memory_order_relaxed);
  return Admission(&in_flight_, firm_slot, *std::move(principal), start);
}

absl::StatusOr<CallRunner::Admission> CallRunner::Admit(const grpc::ServerContextBase& context,
                                                        absl::string_view method) {
  absl::Time start = absl::Now();
  absl::StatusOr<Admission> admission = TryAdmit(context, start);
  if (!admission.ok()) {
    LogCall(method, start, nullptr, admission.status());
  }
  return admission;
}

grpc::ServerUnaryReactor* CallRunner::Run(grpc::CallbackServerContext* context,
                                          absl::string_view method, Body body) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  absl::StatusOr<Admission> admission = Admit(*context, method);
  if (!admission.ok()) {
    reactor->Finish(ToGrpcStatus(admission.status()));
    return reactor;
  }
  RunThen(context, method, *std::move(admission), std::move(body),
          [reactor](grpc::Status status) { reactor->Finish(std::move(status)); });
  return reactor;
}

void CallRunner::RunThen(grpc::CallbackServerContext* context, absl::string_view method,
                         Admission admission, Body body, Finish finish) {
  // Shared so that the overload path can still answer once the pool has
  // refused (and dropped) the queued body; the admission likewise.
  auto shared_finish = std::make_shared<Finish>(std::move(finish));
  auto shared_admission = std::make_shared<Admission>(std::move(admission));
  bool queued = pool_->Submit(
      [this, context, method, shared_finish, shared_admission, body = std::move(body)]() mutable {
        // A call that waited in the queue past its deadline, or whose client
        // went away, is not run: under overload that work would only delay the
        // calls still wanted.
        if (context->IsCancelled() || context->deadline() < std::chrono::system_clock::now()) {
          (*shared_finish)(
              Refuse(method, *shared_admission,
                     absl::CancelledError("the call was cancelled or timed out before it ran")));
          return;
        }
        grpc::Status status = Execute(*context, method, *shared_admission,
                                      [&body](const auth::Principal& p) { return body(p); });
        (*shared_finish)(std::move(status));
      });
  if (!queued) {
    refused_queue_full_.fetch_add(1, std::memory_order_relaxed);
    (*shared_finish)(Refuse(
        method, *shared_admission,
        absl::ResourceExhaustedError("the server's handler queue is full; retry with backoff")));
  }
}

grpc::ServerUnaryReactor* CallRunner::RunInline(
    grpc::CallbackServerContext* context, absl::string_view method,
    absl::FunctionRef<absl::Status(const auth::Principal&)> body) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  absl::StatusOr<Admission> admission = Admit(*context, method);
  if (!admission.ok()) {
    reactor->Finish(ToGrpcStatus(admission.status()));
    return reactor;
  }
  reactor->Finish(Execute(*context, method, *admission, body));
  return reactor;
}

grpc::Status CallRunner::Refuse(absl::string_view method, const Admission& admission,
                                const absl::Status& status) {
  LogCall(method, admission.start(), &admission.principal(), status);
  return ToGrpcStatus(status);
}

grpc::Status CallRunner::Execute(const grpc::CallbackServerContext& /*context*/,
                                 absl::string_view method, const Admission& admission,
                                 absl::FunctionRef<absl::Status(const auth::Principal&)> body) {
  absl::Status member = authenticator_.CheckMember(admission.principal());
  absl::Status status = member.ok() ? body(admission.principal()) : member;
  // A caller whose member check failed is not who the token says.
  LogCall(method, admission.start(), member.ok() ? &admission.principal() : nullptr, status);
  return ToGrpcStatus(status);
}

}  // namespace refnet::rpc
