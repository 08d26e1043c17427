// Channel set-up and status conversion at the client's edge.
#include "clients/refnetctl/rpc.h"

#include <chrono>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"

namespace refnet::ctl {

std::shared_ptr<grpc::Channel> MakeChannel(const GlobalOptions& options) {
  return grpc::CreateChannel(options.target, options.credentials != nullptr
                                                 ? options.credentials
                                                 : grpc::InsecureChannelCredentials());
}

void PrepareContext(const GlobalOptions& options, grpc::ClientContext* context) {
  if (!options.token.empty()) {
    context->AddMetadata("authorization", absl::StrCat("Bearer ", options.token));
  }
  context->set_deadline(std::chrono::system_clock::now() +
                        absl::ToChronoMilliseconds(options.timeout));
}

absl::Status FromGrpcStatus(const grpc::Status& status) {
  if (status.ok()) return absl::OkStatus();
  return absl::Status(static_cast<absl::StatusCode>(status.error_code()), status.error_message());
}

absl::Status PrintResource(const CommandEnv& env, const google::protobuf::Message& message) {
  if (!env.options.json) {
    PrintFields(message, env.out);
    return absl::OkStatus();
  }
  absl::StatusOr<std::string> json = ToJson(message);
  if (!json.ok()) return json.status();
  env.out << *json << "\n";
  return absl::OkStatus();
}

absl::Status PrintListResponse(const CommandEnv& env, const google::protobuf::Message& response) {
  if (env.options.json) return PrintResource(env, response);
  PrintList(response, env.out);
  return absl::OkStatus();
}

}  // namespace refnet::ctl
