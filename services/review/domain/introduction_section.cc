// Introductions the member is placed to make: pairs of the member's own
// contacts where one offers what the other needs (the network's
// SuggestIntroductions for this member).
#include "absl/strings/str_cat.h"
#include "services/common/status.h"
#include "services/network/domain/introductions.h"
#include "services/review/domain/sections.h"

namespace refnet::review {

absl::StatusOr<std::vector<Item>> Introductions(ReviewContext& context) {
  const ReviewQuery& query = context.query();
  REFNET_ASSIGN_OR_RETURN(
      std::vector<network::Introduction> found,
      network::SuggestIntroductions(context.tx(), query.firm_id, query.member_id,
                                    query.items_per_section_max));
  std::vector<Item> items;
  for (const network::Introduction& intro : found) {
    Item item;
    item.section = Section::kIntroduce;
    item.reason = absl::StrCat("introduce them: ", intro.reason);
    item.resources = {context.FullName(intro.offering), context.FullName(intro.needing)};
    item.party = context.FullName(intro.needing);
    items.push_back(std::move(item));
  }
  return items;
}

}  // namespace refnet::review
