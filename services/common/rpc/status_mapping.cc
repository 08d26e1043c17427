// absl and gRPC share canonical codes, so the mapping keeps code and message.
#include "services/common/rpc/status_mapping.h"

#include <string>

namespace refnet::rpc {

grpc::Status ToGrpcStatus(const absl::Status& status) {
  if (status.ok()) return grpc::Status::OK;
  return grpc::Status(static_cast<grpc::StatusCode>(status.code()), std::string(status.message()));
}

}  // namespace refnet::rpc
