// Referrals the member gave or received that sit in one open stage for longer
// than the firm's referral_stuck_days, as the referral report counts them.
#include "absl/strings/str_cat.h"
#include "services/common/status.h"
#include "services/review/domain/review_rules.h"
#include "services/review/domain/sections.h"

namespace refnet::review {
namespace {

struct Candidate {
  Rank rank;
  const referrals::Referral* referral;
  StageAt at;
};

// The prospect in words: the contact's name, or the description.
absl::StatusOr<std::string> ProspectText(ReviewContext& context, const referrals::Referral& r) {
  if (r.prospect_contact.empty()) return r.prospect_description;
  return context.ContactDisplayName(r.prospect_contact);
}

}  // namespace

absl::StatusOr<std::vector<Item>> StuckReferrals(ReviewContext& context) {
  const ReviewQuery& query = context.query();
  const int32_t stuck_days = query.settings.referral_stuck_days;
  const std::string party = query.party();
  REFNET_ASSIGN_OR_RETURN(
      std::vector<referrals::Referral> found,
      context.tx().Review().StuckReferralCandidates(
          query.firm_id, party, query.as_of - absl::Hours(24) * stuck_days, query.as_of));
  std::vector<Candidate> stuck;
  for (const referrals::Referral& r : found) {
    std::optional<StageAt> at = StageAsOf(r, query.as_of);
    if (!at || !IsStuck(at->stage, at->since, stuck_days, query.as_of)) continue;
    stuck.push_back(Candidate{Rank{absl::ToUnixMicros(at->since),
                                   absl::StrCat("firms/", query.firm_id, "/referrals/", r.id)},
                              &r, *at});
  }
  KeepTop(stuck, context.items_max());
  std::vector<Item> items;
  for (const Candidate& c : stuck) {
    const referrals::Referral& r = *c.referral;
    bool gave = r.referrer == party;
    const std::string& other = gave ? r.recipient : r.referrer;
    REFNET_ASSIGN_OR_RETURN(std::string other_name, context.DisplayName(other));
    REFNET_ASSIGN_OR_RETURN(std::string prospect, ProspectText(context, r));
    Item item;
    item.section = Section::kStuckReferral;
    item.reason = gave ? absl::StrCat("you referred ", prospect, " to ", other_name)
                       : absl::StrCat(other_name, " referred ", prospect, " to you");
    absl::StrAppend(&item.reason, "; ", StageWord(c.at.stage), " for ",
                    WholeDays(query.as_of - c.at.since), " days, since ", DayText(c.at.since),
                    " (stuck after ", stuck_days, ")");
    item.resources = {c.rank.name, context.FullName(other)};
    if (!r.prospect_contact.empty()) {
      item.resources.push_back(
          absl::StrCat("firms/", query.firm_id, "/contacts/", r.prospect_contact));
    }
    item.since = c.at.since;
    item.party = context.FullName(other);
    items.push_back(std::move(item));
  }
  return items;
}

}  // namespace refnet::review
