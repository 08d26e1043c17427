// The interceptor sees each call's messages and its status.
#include "services/metrics/grpc_server_metrics.h"

#include <google/protobuf/descriptor.h>

#include <chrono>

#include "absl/strings/str_cat.h"

namespace refnet::metrics {
namespace {

using grpc::experimental::InterceptionHookPoints;

// The names go-grpc-prometheus gives status codes (Go's codes.Code.String()).
constexpr std::array<const char*, 17> kCodeNames = {
    "OK",       "Canceled",       "Unknown",          "InvalidArgument",   "DeadlineExceeded",
    "NotFound", "AlreadyExists",  "PermissionDenied", "ResourceExhausted", "FailedPrecondition",
    "Aborted",  "OutOfRange",     "Unimplemented",    "Internal",          "Unavailable",
    "DataLoss", "Unauthenticated"};

// The buckets of go-grpc-prometheus's handling-time histogram (Prometheus's
// default), in seconds.
const prometheus::Histogram::BucketBoundaries& HandlingBuckets() {
  static const auto* const buckets = new prometheus::Histogram::BucketBoundaries{
      0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
  return *buckets;
}

std::string TypeOf(const google::protobuf::MethodDescriptor& method) {
  if (method.client_streaming()) return method.server_streaming() ? "bidi_stream" : "client_stream";
  return method.server_streaming() ? "server_stream" : "unary";
}

class MetricsInterceptor final : public grpc::experimental::Interceptor {
 public:
  MetricsInterceptor(GrpcServerMetrics& metrics, GrpcServerMetrics::Method& method)
      : metrics_(metrics), method_(method), start_(std::chrono::steady_clock::now()) {
    method_.started->Increment();
  }

  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::POST_RECV_MESSAGE) &&
        methods->GetRecvMessage() != nullptr) {
      method_.received->Increment();
    }
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_MESSAGE)) {
      method_.sent->Increment();
    }
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_STATUS)) {
      metrics_.Handled(method_, methods->GetSendStatus().error_code());
      std::chrono::duration<double> took = std::chrono::steady_clock::now() - start_;
      method_.seconds->Observe(took.count());
    }
    methods->Proceed();
  }

 private:
  GrpcServerMetrics& metrics_;
  GrpcServerMetrics::Method& method_;
  const std::chrono::steady_clock::time_point start_;
};

class MetricsInterceptorFactory final
    : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  explicit MetricsInterceptorFactory(GrpcServerMetrics& metrics) : metrics_(metrics) {}
  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* info) override {
    GrpcServerMetrics::Method* method = metrics_.Find(info->method());
    return method == nullptr ? nullptr : new MetricsInterceptor(metrics_, *method);
  }

 private:
  GrpcServerMetrics& metrics_;
};

}  // namespace

GrpcServerMetrics::GrpcServerMetrics(prometheus::Registry& registry,
                                     const std::vector<std::string>& services)
    : started_(prometheus::BuildCounter()
                   .Name("grpc_server_started_total")
                   .Help("Total number of RPCs started on the server.")
                   .Register(registry)),
      handled_(prometheus::BuildCounter()
                   .Name("grpc_server_handled_total")
                   .Help("Total number of RPCs completed on the server, regardless of success "
                         "or failure.")
                   .Register(registry)),
      received_(prometheus::BuildCounter()
                    .Name("grpc_server_msg_received_total")
                    .Help("Total number of RPC stream messages received on the server.")
                    .Register(registry)),
      sent_(prometheus::BuildCounter()
                .Name("grpc_server_msg_sent_total")
                .Help("Total number of gRPC stream messages sent by the server.")
                .Register(registry)),
      seconds_(prometheus::BuildHistogram()
                   .Name("grpc_server_handling_seconds")
                   .Help("Histogram of response latency (seconds) of gRPC that had been "
                         "application-level handled by the server.")
                   .Register(registry)) {
  const google::protobuf::DescriptorPool* pool = google::protobuf::DescriptorPool::generated_pool();
  for (const std::string& name : services) {
    const google::protobuf::ServiceDescriptor* service = pool->FindServiceByName(name);
    if (service == nullptr) continue;
    for (int i = 0; i < service->method_count(); ++i) {
      const google::protobuf::MethodDescriptor& descriptor = *service->method(i);
      auto method = std::make_unique<Method>();
      method->type = TypeOf(descriptor);
      method->service = name;
      method->name = descriptor.name();
      prometheus::Labels labels = {{"grpc_type", method->type},
                                   {"grpc_service", method->service},
                                   {"grpc_method", method->name}};
      method->started = &started_.Add(labels);
      method->received = &received_.Add(labels);
      method->sent = &sent_.Add(labels);
      method->seconds = &seconds_.Add(labels, HandlingBuckets());
      // OK is there from the start, so a rate over it is defined at once.
      HandledCounter(*method, 0);
      methods_.emplace(absl::StrCat("/", name, "/", descriptor.name()), std::move(method));
    }
  }
}

GrpcServerMetrics::Method* GrpcServerMetrics::Find(const char* path) const {
  if (path == nullptr) return nullptr;
  auto it = methods_.find(absl::string_view(path));
  return it == methods_.end() ? nullptr : it->second.get();
}

void GrpcServerMetrics::Handled(Method& method, int code) {
  if (code < 0 || code >= static_cast<int>(kCodeNames.size())) code = 2;  // Unknown
  HandledCounter(method, code).Increment();
}

prometheus::Counter& GrpcServerMetrics::HandledCounter(Method& method, int code) {
  prometheus::Counter* counter = method.handled[code].load(std::memory_order_acquire);
  if (counter == nullptr) {
    // Family::Add returns the same series for the same labels, so two calls
    // racing here agree.
    counter = &handled_.Add({{"grpc_type", method.type},
                             {"grpc_service", method.service},
                             {"grpc_method", method.name},
                             {"grpc_code", kCodeNames[code]}});
    method.handled[code].store(counter, std::memory_order_release);
  }
  return *counter;
}

std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>
GrpcServerMetrics::InterceptorFactory() {
  return std::make_unique<MetricsInterceptorFactory>(*this);
}

}  // namespace refnet::metrics
