// `refnetctl review`: ReviewService.
#include "clients/refnetctl/command.h"
#include "clients/refnetctl/review_requests.h"
#include "clients/refnetctl/rpc.h"
#include "refnet/v1/review_service.grpc.pb.h"

namespace refnet::ctl {

std::vector<Command> ReviewCommands() {
  using Stub = v1::ReviewService::Stub;
  return {
      {.group = "review",
       .summary = "what a member can do this week, each item with its reason",
       .notes = "Members may read only their own review; admins any member's.",
       .flags = {{"member", FlagKind::kValue, "MEMBER", "whose review (default: the caller)"},
                 {"as-of", FlagKind::kValue, "TIME", "take the review at this time (default: now)"},
                 {"max", FlagKind::kValue, "N", "items per section (default 10, max 100)"}},
       .run = RunUnary<BuildGetWeeklyReview, &Stub::GetWeeklyReview>},
  };
}

}  // namespace refnet::ctl
