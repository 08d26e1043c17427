// Every RPC handler runs its body through CallRunner: the call is admitted
// (bearer token verified, the firm's rate and the server's in-flight bound
// checked, all on gRPC's thread, so a refused call costs no queue slot and
// waits for nothing), the body runs on the handler pool after the member is
// checked, its absl::Status is mapped to gRPC, and one JSON log line records
// method, status, duration and firm. Services use gRPC's callback API and
// finish calls through the context's default reactor; RunInline keeps a
// short body on gRPC's own thread.
#pragma once

#include <grpcpp/server_context.h>
#include <grpcpp/support/server_callback.h>

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>

#include "absl/functional/any_invocable.h"
#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "services/auth/key_ring.h"
#include "services/auth/token.h"
#include "services/common/clock.h"
#include "services/common/rpc/authenticator.h"
#include "services/common/rpc/firm_rate_limiter.h"
#include "services/common/rpc/handler_pool.h"
#include "services/storage/store.h"

namespace refnet::rpc {

// The bounds on the work the server holds at once.
struct CallLimits {
  int handler_threads = 64;
  // Bodies waiting for a handler thread; beyond it calls are refused.
  size_t handler_queue_max = 512;
  // Calls admitted and not yet finished (queued, running, streams open).
  int64_t in_flight_max = 1024;
  // Of those, held by one firm at most, so no firm crowds the others out.
  int64_t firm_in_flight_max = 256;
  // Every firm's rate on this replica unless its settings say otherwise.
  RateLimit firm_rate;
  // How often a firm's own rate limit is read again from its settings.
  absl::Duration firm_rate_refresh = absl::Seconds(5);
};

// Counts for metrics, read as a snapshot.
struct CallStats {
  int64_t in_flight = 0;
  int64_t admitted = 0;
  // Calls refused before they ran, by the bound that refused them.
  int64_t refused_firm_rate = 0;
  int64_t refused_firm_in_flight = 0;
  int64_t refused_server_in_flight = 0;
  int64_t refused_queue_full = 0;
  // Bodies waiting for a handler thread.
  int64_t queued = 0;
};

class CallRunner {
 public:
  using Body = absl::AnyInvocable<absl::Status(const auth::Principal&)>;
  using Finish = absl::AnyInvocable<void(grpc::Status)>;

  // A call let in: its caller, when it started, and its in-flight slot,
  // which is given back when the admission is destroyed.
  class Admission {
   public:
    Admission(Admission&& other) noexcept;
    Admission& operator=(Admission&&) = delete;
    ~Admission();
    const auth::Principal& principal() const { return principal_; }
    absl::Time start() const { return start_; }

   private:
    friend class CallRunner;
    Admission(std::atomic<int64_t>* in_flight, FirmRateLimiter* firms, auth::Principal principal,
              absl::Time start)
        : in_flight_(in_flight), firms_(firms), principal_(std::move(principal)), start_(start) {}
    std::atomic<int64_t>* in_flight_;
    FirmRateLimiter* firms_;  // holds a slot of the firm's; null for platform admins
    auth::Principal principal_;
    absl::Time start_;
  };

  CallRunner(auth::KeyRing& keys, auth::TokenPolicy policy, Clock& clock, storage::Store& store,
             CallLimits limits);

  // Admits the call, queues `body` on the handler pool and returns the
  // reactor it will finish. The body outlives the handler: capture the
  // request and response pointers by value. A call that is not admitted, or
  // finds the queue full, is answered at once.
  grpc::ServerUnaryReactor* Run(grpc::CallbackServerContext* context, absl::string_view method,
                                Body body);
  // Runs `body` now, on gRPC's thread: only for bodies that never wait long.
  grpc::ServerUnaryReactor* RunInline(grpc::CallbackServerContext* context,
                                      absl::string_view method,
                                      absl::FunctionRef<absl::Status(const auth::Principal&)> body);

  // For calls with their own reactor (streams): admit when the call starts;
  // a refusal has been logged and is the call's status.
  absl::StatusOr<Admission> Admit(const grpc::ServerContextBase& context, absl::string_view method);
  // Queues `body` for an admitted call; `finish` gets the call's status, on
  // a handler thread or, when the queue is full, at once.
  void RunThen(grpc::CallbackServerContext* context, absl::string_view method, Admission admission,
               Body body, Finish finish);
  // Logs the end of an admitted call that ended without a body (a stream
  // that timed out or sent garbage) and maps its status.
  grpc::Status Refuse(absl::string_view method, const Admission& admission,
                      const absl::Status& status);

  // Runs what is queued and stops the pool; call once the server stopped
  // taking calls.
  void Stop() { pool_.reset(); }

  // After a change to a member commits: its next call looks it up again.
  void ForgetMembers() { authenticator_.ForgetMembers(); }
  // Calls admitted and not finished, and admitted since the start.
  int64_t in_flight() const { return in_flight_.load(std::memory_order_relaxed); }
  int64_t admitted() const { return admitted_.load(std::memory_order_relaxed); }
  CallStats stats() const;

  // After a change to a firm's rate limit commits here: it applies at once.
  void ApplyFirmLimits(const std::string& firm_id, RateLimit override_limit) {
    rate_limiter_.Apply(firm_id, override_limit);
  }

 private:
  // Checks the member, runs the body, writes the log line; the call's status.
  grpc::Status Execute(const grpc::CallbackServerContext& context, absl::string_view method,
                       const Admission& admission,
                       absl::FunctionRef<absl::Status(const auth::Principal&)> body);
  // Verifies, charges the firm and takes a slot; the refusal is not logged.
  absl::StatusOr<Admission> TryAdmit(const grpc::ServerContextBase& context, absl::Time start);

  Authenticator authenticator_;
  FirmRateLimiter rate_limiter_;
  const int64_t in_flight_max_;
  std::atomic<int64_t> in_flight_{0};
  std::atomic<int64_t> admitted_{0};
  std::atomic<int64_t> refused_firm_rate_{0};
  std::atomic<int64_t> refused_firm_in_flight_{0};
  std::atomic<int64_t> refused_server_in_flight_{0};
  std::atomic<int64_t> refused_queue_full_{0};
  std::unique_ptr<HandlerPool> pool_;
};

}  // namespace refnet::rpc
