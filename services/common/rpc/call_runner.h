// Every RPC handler runs its body through CallRunner::Run: the bearer token is
// verified and resolved to a principal, the body's absl::Status is mapped to
// gRPC, and one JSON log line records method, status, duration and firm.
// Services use gRPC's callback API and finish calls through the context's
// default reactor. Bodies that may wait (store transactions, Redis) run on
// the handler pool; RunInline keeps a short body on gRPC's own thread.
#pragma once

#include <grpcpp/server_context.h>
#include <grpcpp/support/server_callback.h>

#include <memory>
#include <string>

#include "absl/functional/any_invocable.h"
#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "services/auth/token.h"
#include "services/common/clock.h"
#include "services/common/rpc/authenticator.h"
#include "services/common/rpc/handler_pool.h"
#include "services/storage/store.h"

namespace refnet::rpc {

class CallRunner {
 public:
  using Body = absl::AnyInvocable<absl::Status(const auth::Principal&)>;
  using Finish = absl::AnyInvocable<void(grpc::Status)>;

  // `handler_threads` run the bodies passed to Run.
  CallRunner(std::string token_secret, Clock& clock, storage::Store& store, int handler_threads);

  // Queues `body` on the handler pool and returns the reactor it will finish.
  // The body outlives the handler: capture the request and response pointers
  // by value. A full queue answers RESOURCE_EXHAUSTED at once.
  grpc::ServerUnaryReactor* Run(grpc::CallbackServerContext* context, absl::string_view method,
                                Body body);
  // Like Run, for calls with their own reactor (streams): `finish` gets the
  // call's status, on a handler thread or, when the queue is full, at once.
  void RunThen(grpc::CallbackServerContext* context, absl::string_view method, Body body,
               Finish finish);
  // Runs `body` now, on gRPC's thread: only for bodies that never wait long.
  grpc::ServerUnaryReactor* RunInline(grpc::CallbackServerContext* context,
                                      absl::string_view method,
                                      absl::FunctionRef<absl::Status(const auth::Principal&)> body);

  // Runs what is queued and stops the pool; call once the server stopped
  // taking calls.
  void Stop() { pool_.reset(); }

  // After a change to a member commits: its next call looks it up again.
  void ForgetMembers() { authenticator_.ForgetMembers(); }

 private:
  // Authenticates, runs the body, writes the log line; the call's status.
  grpc::Status Execute(const grpc::CallbackServerContext& context, absl::string_view method,
                       absl::FunctionRef<absl::Status(const auth::Principal&)> body);

  // Bodies waiting for a handler thread at most; beyond it the server sheds.
  static constexpr size_t kQueuedBodiesMax = 10000;

  Authenticator authenticator_;
  std::unique_ptr<HandlerPool> pool_;
};

}  // namespace refnet::rpc
