// The review is its sections, run in Section order over one snapshot.
#include "services/review/domain/weekly_review.h"

#include "services/common/status.h"
#include "services/review/domain/review_context.h"
#include "services/review/domain/sections.h"

namespace refnet::review {
namespace {

// In the order of Section. A new section is one more entry here.
constexpr SectionBuilder kSections[] = {
    Reciprocate, FollowUps, Nurture, Introductions, HelpAsks, StuckReferrals, OneWayGiving,
};

}  // namespace

absl::StatusOr<std::vector<Item>> BuildWeeklyReview(storage::Tx& tx, const ReviewQuery& query) {
  ReviewContext context(tx, query);
  std::vector<Item> items;
  for (SectionBuilder build : kSections) {
    REFNET_ASSIGN_OR_RETURN(std::vector<Item> section, build(context));
    for (Item& item : section) items.push_back(std::move(item));
  }
  return items;
}

}  // namespace refnet::review
