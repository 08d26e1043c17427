// Per-RPC metrics under the names Grafana's gRPC dashboards read
// (go-grpc-prometheus, grpc-ecosystem): grpc_server_started_total,
// grpc_server_handled_total, grpc_server_handling_seconds,
// grpc_server_msg_received_total and grpc_server_msg_sent_total, labelled
// grpc_type, grpc_service and grpc_method (and grpc_code when handled).
// Counted by a server interceptor, so every call is seen, refused ones too.
//
// Label values are bounded: the methods come from the services the server
// registers (read from their descriptors at start-up), and a call to any
// other method is not counted here (gRPC answers it UNIMPLEMENTED itself).
#pragma once

#include <grpcpp/support/server_interceptor.h>
#include <prometheus/counter.h>
#include <prometheus/family.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>

#include <array>
#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"

namespace refnet::metrics {

class GrpcServerMetrics {
 public:
  // The series of one method.
  struct Method {
    std::string type;  // unary, client_stream, server_stream, bidi_stream
    std::string service;
    std::string name;
    prometheus::Counter* started = nullptr;
    prometheus::Counter* received = nullptr;
    prometheus::Counter* sent = nullptr;
    prometheus::Histogram* seconds = nullptr;
    // By gRPC status code, made on first use.
    std::array<std::atomic<prometheus::Counter*>, 17> handled{};
  };

  // Registers the families in `registry` and a series for every method of
  // `services` (full names, e.g. "refnet.v1.LedgerService") found in the
  // generated descriptor pool.
  GrpcServerMetrics(prometheus::Registry& registry, const std::vector<std::string>& services);

  // The method of a call path ("/refnet.v1.LedgerService/GetBalance"), or
  // null when it is not one of the services'.
  Method* Find(const char* path) const;
  void Handled(Method& method, int code);

  // The factory to give grpc::ServerBuilder; it refers to this object.
  std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface> InterceptorFactory();

 private:
  // The series of `code` (0..16), made on first use.
  prometheus::Counter& HandledCounter(Method& method, int code);

  prometheus::Family<prometheus::Counter>& started_;
  prometheus::Family<prometheus::Counter>& handled_;
  prometheus::Family<prometheus::Counter>& received_;
  prometheus::Family<prometheus::Counter>& sent_;
  prometheus::Family<prometheus::Histogram>& seconds_;
  absl::flat_hash_map<std::string, std::unique_ptr<Method>> methods_;
};

}  // namespace refnet::metrics
