// A request body that is not the method's message is INVALID_ARGUMENT, with
// a message saying so. gRPC's callback API answers such a call with
// UNIMPLEMENTED and no message, which sends a caller looking for a missing
// method; this interceptor, registered once for every method, notices that
// the request did not parse and rewrites that status. Client streams parse
// their own messages (ImportContacts), since gRPC reports a message that
// does not parse there as the end of the stream.
#pragma once

#include <grpcpp/support/server_interceptor.h>

namespace refnet::rpc {

class UnparsedRequestInterceptorFactory final
    : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* info) override;
};

}  // namespace refnet::rpc
