// ReviewService requests from command-line flags.
#pragma once

#include "absl/status/statusor.h"
#include "clients/refnetctl/flag_parser.h"
#include "clients/refnetctl/global_options.h"
#include "refnet/v1/review_service.pb.h"

namespace refnet::ctl {

// `review [--member M] [--as-of TIME] [--max N]`; the member defaults to the
// caller.
absl::StatusOr<v1::GetWeeklyReviewRequest> BuildGetWeeklyReview(const ParsedArgs& args,
                                                                const GlobalOptions& options);

}  // namespace refnet::ctl
