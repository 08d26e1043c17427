// refnet.v1.LedgerService over gRPC: parse parties, check access, validate,
// then hand over to Ledger inside a store transaction.
#pragma once

#include "refnet/v1/ledger_service.grpc.pb.h"
#include "services/common/rpc/call_runner.h"
#include "services/ledger/cache/balance_cache.h"
#include "services/ledger/domain/ledger.h"
#include "services/storage/store.h"

namespace refnet::ledger {

class LedgerGrpcService final : public refnet::v1::LedgerService::CallbackService {
 public:
  LedgerGrpcService(rpc::CallRunner& runner, storage::Store& store, Ledger& ledger,
                    BalanceCache& balances)
      : runner_(runner), store_(store), ledger_(ledger), balances_(balances) {}

  // Writes and favour reads (ledger_grpc.cc).
  grpc::ServerUnaryReactor* RecordFavour(grpc::CallbackServerContext* context,
                                         const refnet::v1::RecordFavourRequest* request,
                                         refnet::v1::Favour* response) override;
  grpc::ServerUnaryReactor* GetFavour(grpc::CallbackServerContext* context,
                                      const refnet::v1::GetFavourRequest* request,
                                      refnet::v1::Favour* response) override;
  grpc::ServerUnaryReactor* ListFavours(grpc::CallbackServerContext* context,
                                        const refnet::v1::ListFavoursRequest* request,
                                        refnet::v1::ListFavoursResponse* response) override;
  grpc::ServerUnaryReactor* VoidFavour(grpc::CallbackServerContext* context,
                                       const refnet::v1::VoidFavourRequest* request,
                                       refnet::v1::Favour* response) override;

  // Balances (balance_grpc.cc).
  grpc::ServerUnaryReactor* GetBalance(grpc::CallbackServerContext* context,
                                       const refnet::v1::GetBalanceRequest* request,
                                       refnet::v1::Balance* response) override;
  grpc::ServerUnaryReactor* ListBalances(grpc::CallbackServerContext* context,
                                         const refnet::v1::ListBalancesRequest* request,
                                         refnet::v1::ListBalancesResponse* response) override;
  grpc::ServerUnaryReactor* GetStanding(grpc::CallbackServerContext* context,
                                        const refnet::v1::GetStandingRequest* request,
                                        refnet::v1::Standing* response) override;
  grpc::ServerUnaryReactor* ListTopBalances(grpc::CallbackServerContext* context,
                                            const refnet::v1::ListTopBalancesRequest* request,
                                            refnet::v1::ListTopBalancesResponse* response) override;
  grpc::ServerUnaryReactor* ExplainBalance(grpc::CallbackServerContext* context,
                                           const refnet::v1::ExplainBalanceRequest* request,
                                           refnet::v1::ExplainBalanceResponse* response) override;

 private:
  rpc::CallRunner& runner_;
  storage::Store& store_;
  Ledger& ledger_;
  BalanceCache& balances_;
};

}  // namespace refnet::ledger
