// refnet.v1.ReviewService over gRPC: parse and check the member, validate
// the window, then build the review inside one read transaction.
#pragma once

#include "refnet/v1/review_service.grpc.pb.h"
#include "services/common/clock.h"
#include "services/common/rpc/call_runner.h"
#include "services/storage/store.h"

namespace refnet::review {

class ReviewGrpcService final : public refnet::v1::ReviewService::CallbackService {
 public:
  ReviewGrpcService(rpc::CallRunner& runner, storage::Store& store, Clock& clock)
      : runner_(runner), store_(store), clock_(clock) {}

  grpc::ServerUnaryReactor* GetWeeklyReview(grpc::CallbackServerContext* context,
                                            const refnet::v1::GetWeeklyReviewRequest* request,
                                            refnet::v1::WeeklyReview* response) override;

 private:
  rpc::CallRunner& runner_;
  storage::Store& store_;
  Clock& clock_;
};

}  // namespace refnet::review
