// One asynchronous unary RPC in flight. The Call is its own completion-queue
// tag, so the driver needs no lookup table to find what finished.
#pragma once

#include <grpcpp/grpcpp.h>

#include <cstdint>
#include <memory>

namespace refnet::loadgen {

class Call {
 public:
  virtual ~Call() = default;
  // Starts the RPC on `cq`; its completion arrives tagged with this Call.
  virtual void Start(grpc::CompletionQueue* cq) = 0;

  grpc::ClientContext context;
  grpc::Status status;
  int method = 0;           // index into the workload's method names
  int channel = 0;          // the channel it was sent on
  int64_t index = 0;        // the workload's sequence number of the call
  int attempt = 1;          // seeding retries transient failures
  int64_t intended_ns = 0;  // when it was meant to start; latency counts from here
};

// A Call of one typed method, made from the stub's PrepareAsync<Method>.
template <typename Stub, typename Request, typename Response>
class UnaryCall final : public Call {
 public:
  using Prepare = std::unique_ptr<grpc::ClientAsyncResponseReader<Response>> (Stub::*)(
      grpc::ClientContext*, const Request&, grpc::CompletionQueue*);

  UnaryCall(Stub* stub, Prepare prepare) : stub_(stub), prepare_(prepare) {}

  void Start(grpc::CompletionQueue* cq) override {
    reader_ = (stub_->*prepare_)(&context, request, cq);
    reader_->StartCall();
    reader_->Finish(&response_, &status, static_cast<Call*>(this));
  }

  Request request;

 private:
  Stub* stub_;
  Prepare prepare_;
  Response response_;
  std::unique_ptr<grpc::ClientAsyncResponseReader<Response>> reader_;
};

// Deduces the call's types from the stub method, e.g.
// NewCall(ledger, &LedgerService::Stub::PrepareAsyncGetBalance).
template <typename Stub, typename Request, typename Response>
std::unique_ptr<UnaryCall<Stub, Request, Response>> NewCall(
    Stub* stub, std::unique_ptr<grpc::ClientAsyncResponseReader<Response>> (Stub::*prepare)(
                    grpc::ClientContext*, const Request&, grpc::CompletionQueue*)) {
  return std::make_unique<UnaryCall<Stub, Request, Response>>(stub, prepare);
}

}  // namespace refnet::loadgen
