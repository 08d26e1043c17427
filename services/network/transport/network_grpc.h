// refnet.v1.NetworkService over gRPC: parse and check the request, read in
// one store snapshot, and convert the domain's answers.
#pragma once

#include "refnet/v1/network_service.grpc.pb.h"
#include "services/common/clock.h"
#include "services/common/rpc/call_runner.h"
#include "services/storage/store.h"

namespace refnet::network {

class NetworkGrpcService final : public refnet::v1::NetworkService::CallbackService {
 public:
  NetworkGrpcService(rpc::CallRunner& runner, storage::Store& store, Clock& clock)
      : runner_(runner), store_(store), clock_(clock) {}

  grpc::ServerUnaryReactor* FindIntroPaths(grpc::CallbackServerContext* context,
                                           const refnet::v1::FindIntroPathsRequest* request,
                                           refnet::v1::FindIntroPathsResponse* response) override;
  grpc::ServerUnaryReactor* SuggestIntroductions(
      grpc::CallbackServerContext* context, const refnet::v1::SuggestIntroductionsRequest* request,
      refnet::v1::SuggestIntroductionsResponse* response) override;
  grpc::ServerUnaryReactor* FindReciprocityLoops(
      grpc::CallbackServerContext* context, const refnet::v1::FindReciprocityLoopsRequest* request,
      refnet::v1::FindReciprocityLoopsResponse* response) override;
  grpc::ServerUnaryReactor* SuggestNetting(grpc::CallbackServerContext* context,
                                           const refnet::v1::SuggestNettingRequest* request,
                                           refnet::v1::SuggestNettingResponse* response) override;
  grpc::ServerUnaryReactor* GetKeyPersonRisk(grpc::CallbackServerContext* context,
                                             const refnet::v1::GetKeyPersonRiskRequest* request,
                                             refnet::v1::KeyPersonRisk* response) override;

 private:
  rpc::CallRunner& runner_;
  storage::Store& store_;
  Clock& clock_;
};

}  // namespace refnet::network
