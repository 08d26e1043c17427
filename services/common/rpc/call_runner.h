// Every RPC handler runs its body through CallRunner::Run: the bearer token is
// verified and resolved to a principal, the body's absl::Status is mapped to
// gRPC, and one JSON log line records method, status, duration and firm.
// Services use gRPC's callback API: the body runs on the thread that received
// the call and finishes it through the context's default reactor, with no
// hand-off between threads.
#pragma once

#include <grpcpp/server_context.h>
#include <grpcpp/support/server_callback.h>

#include <string>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "services/auth/token.h"
#include "services/common/clock.h"
#include "services/storage/store.h"

namespace refnet::rpc {

class CallRunner {
 public:
  CallRunner(std::string token_secret, Clock& clock, storage::Store& store)
      : token_secret_(std::move(token_secret)), clock_(clock), store_(store) {}

  // Runs `body` now and returns the finished reactor to hand back to gRPC.
  grpc::ServerUnaryReactor* Run(grpc::CallbackServerContext* context, absl::string_view method,
                                absl::FunctionRef<absl::Status(const auth::Principal&)> body);

  // Verifies the call's bearer token. For firm roles the member must exist,
  // be active and still hold the token's role; every failure is UNAUTHENTICATED.
  absl::StatusOr<auth::Principal> Authenticate(const grpc::ServerContextBase& context);

 private:
  std::string token_secret_;
  Clock& clock_;
  storage::Store& store_;
};

}  // namespace refnet::rpc
