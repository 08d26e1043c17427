// Authentication, status mapping and the per-RPC log line.
#include "services/common/rpc/call_runner.h"

#include <chrono>
#include <memory>
#include <utility>

#include "absl/status/status.h"
#include "absl/time/clock.h"
#include "services/common/log.h"
#include "services/common/rpc/status_mapping.h"

namespace refnet::rpc {

CallRunner::CallRunner(std::string token_secret, Clock& clock, storage::Store& store,
                       int handler_threads)
    : authenticator_(std::move(token_secret), clock, store),
      pool_(std::make_unique<HandlerPool>(handler_threads, kQueuedBodiesMax)) {}

grpc::ServerUnaryReactor* CallRunner::Run(grpc::CallbackServerContext* context,
                                          absl::string_view method, Body body) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  RunThen(context, method, std::move(body),
          [reactor](grpc::Status status) { reactor->Finish(std::move(status)); });
  return reactor;
}

void CallRunner::RunThen(grpc::CallbackServerContext* context, absl::string_view method, Body body,
                         Finish finish) {
  // Shared so that the overload path can still answer once the pool has
  // refused (and dropped) the queued body.
  auto shared_finish = std::make_shared<Finish>(std::move(finish));
  bool queued =
      pool_->Submit([this, context, method, shared_finish, body = std::move(body)]() mutable {
        // A call that waited in the queue past its deadline, or whose client
        // went away, is not run: under overload that work would only delay
        // the calls still wanted.
        if (context->IsCancelled() || context->deadline() < std::chrono::system_clock::now()) {
          (*shared_finish)(grpc::Status(grpc::StatusCode::CANCELLED,
                                        "the call was cancelled or timed out before it ran"));
          return;
        }
        (*shared_finish)(
            Execute(*context, method, [&body](const auth::Principal& p) { return body(p); }));
      });
  if (!queued) {
    (*shared_finish)(Execute(*context, method, [](const auth::Principal&) {
      return absl::ResourceExhaustedError("the server is overloaded; retry with backoff");
    }));
  }
}

grpc::ServerUnaryReactor* CallRunner::RunInline(
    grpc::CallbackServerContext* context, absl::string_view method,
    absl::FunctionRef<absl::Status(const auth::Principal&)> body) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  reactor->Finish(Execute(*context, method, body));
  return reactor;
}

grpc::Status CallRunner::Execute(const grpc::CallbackServerContext& context,
                                 absl::string_view method,
                                 absl::FunctionRef<absl::Status(const auth::Principal&)> body) {
  absl::Time start = absl::Now();
  absl::StatusOr<auth::Principal> principal = authenticator_.Authenticate(context);
  absl::Status status = principal.ok() ? body(*principal) : principal.status();
  std::string code = absl::StatusCodeToString(status.code());
  RpcLogLine line;
  line.method = method;
  line.code = code;
  line.duration_ms = absl::ToDoubleMilliseconds(absl::Now() - start);
  line.error = status.message();
  line.server_fault = status.code() == absl::StatusCode::kInternal ||
                      status.code() == absl::StatusCode::kUnknown ||
                      status.code() == absl::StatusCode::kDataLoss;
  if (principal.ok()) {
    line.firm = principal->firm_id;
    line.member = principal->member_id;
    line.role = auth::RoleToString(principal->role);
  }
  LogRpc(line);
  return ToGrpcStatus(status);
}

}  // namespace refnet::rpc
