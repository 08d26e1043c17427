// refnet.v1.ReferralService over gRPC: parse names, check access, validate,
// then hand over to ReferralDesk inside a store transaction.
#pragma once

#include "refnet/v1/referral_service.grpc.pb.h"
#include "services/common/rpc/call_runner.h"
#include "services/ledger/cache/balance_cache.h"
#include "services/referrals/domain/referral_desk.h"
#include "services/storage/store.h"

namespace refnet::referrals {

class ReferralGrpcService final : public refnet::v1::ReferralService::CallbackService {
 public:
  ReferralGrpcService(rpc::CallRunner& runner, storage::Store& store, ReferralDesk& desk,
                      ledger::BalanceCache& balances, Clock& clock)
      : runner_(runner), store_(store), desk_(desk), balances_(balances), clock_(clock) {}

  grpc::ServerUnaryReactor* CreateReferral(grpc::CallbackServerContext* context,
                                           const refnet::v1::CreateReferralRequest* request,
                                           refnet::v1::Referral* response) override;
  grpc::ServerUnaryReactor* GetReferral(grpc::CallbackServerContext* context,
                                        const refnet::v1::GetReferralRequest* request,
                                        refnet::v1::Referral* response) override;
  grpc::ServerUnaryReactor* ListReferrals(grpc::CallbackServerContext* context,
                                          const refnet::v1::ListReferralsRequest* request,
                                          refnet::v1::ListReferralsResponse* response) override;
  grpc::ServerUnaryReactor* MoveReferral(grpc::CallbackServerContext* context,
                                         const refnet::v1::MoveReferralRequest* request,
                                         refnet::v1::Referral* response) override;
  grpc::ServerUnaryReactor* GetReferralReport(
      grpc::CallbackServerContext* context, const refnet::v1::GetReferralReportRequest* request,
      refnet::v1::ReferralReport* response) override;

 private:
  rpc::CallRunner& runner_;
  storage::Store& store_;
  ReferralDesk& desk_;
  ledger::BalanceCache& balances_;
  Clock& clock_;
};

}  // namespace refnet::referrals
