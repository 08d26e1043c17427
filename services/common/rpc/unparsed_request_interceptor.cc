// Sees the request message after parsing and the status before sending.
#include "services/common/rpc/unparsed_request_interceptor.h"

#include <google/protobuf/descriptor.h>

#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/strip.h"

namespace refnet::rpc {
namespace {

using grpc::experimental::InterceptionHookPoints;

// "/refnet.v1.ContactService/GetContact" → "refnet.v1.GetContactRequest".
std::string RequestTypeOf(const char* method) {
  absl::string_view path = method == nullptr ? "" : method;
  absl::ConsumePrefix(&path, "/");
  std::string full = absl::StrReplaceAll(path, {{"/", "."}});
  const google::protobuf::MethodDescriptor* descriptor =
      google::protobuf::DescriptorPool::generated_pool()->FindMethodByName(full);
  return descriptor == nullptr ? std::string("the method's request message")
                               : descriptor->input_type()->full_name();
}

class UnparsedRequestInterceptor final : public grpc::experimental::Interceptor {
 public:
  explicit UnparsedRequestInterceptor(grpc::experimental::ServerRpcInfo* info) : info_(info) {}

  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::POST_RECV_MESSAGE) &&
        methods->GetRecvMessage() == nullptr) {
      unparsed_ = true;
    }
    if (unparsed_ && methods->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_STATUS) &&
        methods->GetSendStatus().error_code() == grpc::StatusCode::UNIMPLEMENTED) {
      methods->ModifySendStatus(grpc::Status(
          grpc::StatusCode::INVALID_ARGUMENT,
          absl::StrCat("the request body cannot be parsed as ", RequestTypeOf(info_->method()),
                       "; send that message, serialized")));
    }
    methods->Proceed();
  }

 private:
  grpc::experimental::ServerRpcInfo* info_;
  bool unparsed_ = false;
};

}  // namespace

grpc::experimental::Interceptor* UnparsedRequestInterceptorFactory::CreateServerInterceptor(
    grpc::experimental::ServerRpcInfo* info) {
  // Only calls that get one request message parse it before the handler;
  // gRPC's own services (health, reflection) parse their requests
  // themselves and answer INVALID_ARGUMENT already.
  using Type = grpc::experimental::ServerRpcInfo::Type;
  if (info->type() != Type::UNARY && info->type() != Type::SERVER_STREAMING) return nullptr;
  if (info->method() != nullptr && absl::StartsWith(info->method(), "/grpc.")) return nullptr;
  return new UnparsedRequestInterceptor(info);
}

}  // namespace refnet::rpc
