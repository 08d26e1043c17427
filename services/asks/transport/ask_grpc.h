// refnet.v1.AskService over gRPC: parse names, check access and roles,
// validate, then hand over to AskBook inside a store transaction.
#pragma once

#include "refnet/v1/ask_service.grpc.pb.h"
#include "services/asks/domain/ask_book.h"
#include "services/common/rpc/call_runner.h"
#include "services/ledger/cache/balance_cache.h"
#include "services/storage/store.h"

namespace refnet::asks {

class AskGrpcService final : public refnet::v1::AskService::CallbackService {
 public:
  AskGrpcService(rpc::CallRunner& runner, storage::Store& store, AskBook& book,
                 ledger::BalanceCache& balances)
      : runner_(runner), store_(store), book_(book), balances_(balances) {}

  // Posting, reading and closing (ask_grpc.cc).
  grpc::ServerUnaryReactor* CreateAsk(grpc::CallbackServerContext* context,
                                      const refnet::v1::CreateAskRequest* request,
                                      refnet::v1::Ask* response) override;
  grpc::ServerUnaryReactor* GetAsk(grpc::CallbackServerContext* context,
                                   const refnet::v1::GetAskRequest* request,
                                   refnet::v1::Ask* response) override;
  grpc::ServerUnaryReactor* ListAsks(grpc::CallbackServerContext* context,
                                     const refnet::v1::ListAsksRequest* request,
                                     refnet::v1::ListAsksResponse* response) override;
  grpc::ServerUnaryReactor* CloseAsk(grpc::CallbackServerContext* context,
                                     const refnet::v1::CloseAskRequest* request,
                                     refnet::v1::Ask* response) override;

  // Matching, routing and fulfilling (helper_grpc.cc).
  grpc::ServerUnaryReactor* SuggestHelpers(grpc::CallbackServerContext* context,
                                           const refnet::v1::SuggestHelpersRequest* request,
                                           refnet::v1::SuggestHelpersResponse* response) override;
  grpc::ServerUnaryReactor* RouteAsk(grpc::CallbackServerContext* context,
                                     const refnet::v1::RouteAskRequest* request,
                                     refnet::v1::Ask* response) override;
  grpc::ServerUnaryReactor* FulfilAsk(grpc::CallbackServerContext* context,
                                      const refnet::v1::FulfilAskRequest* request,
                                      refnet::v1::Ask* response) override;

 private:
  rpc::CallRunner& runner_;
  storage::Store& store_;
  AskBook& book_;
  ledger::BalanceCache& balances_;
};

}  // namespace refnet::asks
