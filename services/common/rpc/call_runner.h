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
#include "services/common/rpc/authenticator.h"
#include "services/storage/store.h"

namespace refnet::rpc {

class CallRunner {
 public:
  CallRunner(std::string token_secret, Clock& clock, storage::Store& store)
      : authenticator_(std::move(token_secret), clock, store) {}

  // Runs `body` now and returns the finished reactor to hand back to gRPC.
  grpc::ServerUnaryReactor* Run(grpc::CallbackServerContext* context, absl::string_view method,
                                absl::FunctionRef<absl::Status(const auth::Principal&)> body);

  // After a change to a member commits: its next call looks it up again.
  void ForgetMembers() { authenticator_.ForgetMembers(); }

 private:
  Authenticator authenticator_;
};

}  // namespace refnet::rpc
