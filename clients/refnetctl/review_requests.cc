// `refnetctl review` flags mapped onto GetWeeklyReviewRequest.
#include "clients/refnetctl/review_requests.h"

#include <optional>
#include <string>

#include "clients/refnetctl/exit_status.h"
#include "clients/refnetctl/short_names.h"
#include "clients/refnetctl/time_flags.h"
#include "services/common/status.h"

namespace refnet::ctl {

absl::StatusOr<v1::GetWeeklyReviewRequest> BuildGetWeeklyReview(const ParsedArgs& args,
                                                                const GlobalOptions& options) {
  v1::GetWeeklyReviewRequest request;
  std::optional<std::string> member = args.Value("member");
  if (!member.has_value() && options.caller_member_id.empty()) {
    return UsageError("review needs --member: the token names no member");
  }
  REFNET_ASSIGN_OR_RETURN(
      *request.mutable_member(),
      ExpandChildName(options.firm_id, "members", member.value_or(options.caller_member_id),
                      member.has_value() ? "--member" : "the caller"));
  REFNET_ASSIGN_OR_RETURN(std::optional<absl::Time> as_of, TimeFlag(args, "as-of"));
  if (as_of.has_value()) SetTimestamp(*as_of, request.mutable_as_of());
  int32_t max = 0;
  REFNET_RETURN_IF_ERROR(args.Int32("max", &max));
  request.set_max_items_per_section(max);
  return request;
}

}  // namespace refnet::ctl
