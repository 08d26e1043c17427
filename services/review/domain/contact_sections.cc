// The sections read from contacts and interactions: follow-ups after
// meetings and events, and key relationships gone quiet.
#include <map>

#include "absl/strings/str_cat.h"
#include "services/common/resource_names.h"
#include "services/common/status.h"
#include "services/review/domain/review_rules.h"
#include "services/review/domain/sections.h"

namespace refnet::review {
namespace {

using contacts::Interaction;
using contacts::InteractionKind;

bool IsMeeting(const Interaction& i) {
  return i.kind == InteractionKind::kMeeting || i.kind == InteractionKind::kEvent;
}

// Later in time, or recorded later at the same time.
bool IsLater(const Interaction& a, const Interaction& b) {
  return a.occurred_at != b.occurred_at ? a.occurred_at > b.occurred_at : a.position > b.position;
}

}  // namespace

absl::StatusOr<std::vector<Item>> FollowUps(ReviewContext& context) {
  const ReviewQuery& query = context.query();
  const std::vector<int32_t>& days = query.settings.follow_up_days;
  // Every interaction after a meeting falls inside this window too, so the
  // latest one per contact in it is the latest one by `as_of`.
  REFNET_ASSIGN_OR_RETURN(
      std::vector<Interaction> interactions,
      context.tx().Review().InteractionsOf(query.firm_id, query.member_id,
                                           query.as_of - FollowUpLookBack(days), query.as_of));
  std::map<std::string, const Interaction*> latest;
  for (const Interaction& i : interactions) {
    const Interaction*& slot = latest[i.contact_id];
    if (slot == nullptr || IsLater(i, *slot)) slot = &i;
  }
  struct Candidate {
    Rank rank;
    const Interaction* meeting;
    FollowUp follow_up;
  };
  std::vector<Candidate> due;
  for (const auto& [contact_id, i] : latest) {
    if (!IsMeeting(*i)) continue;
    std::optional<FollowUp> follow_up = DueFollowUp(i->occurred_at, days, query.as_of);
    if (!follow_up) continue;
    due.push_back(
        Candidate{Rank{absl::ToUnixMicros(follow_up->due), ContactName(query.firm_id, contact_id)},
                  i, *follow_up});
  }
  KeepTop(due, context.items_max());
  std::vector<Item> items;
  for (const Candidate& c : due) {
    const Interaction& meeting = *c.meeting;
    REFNET_ASSIGN_OR_RETURN(std::string name, context.ContactDisplayName(meeting.contact_id));
    Item item;
    item.section = Section::kFollowUp;
    item.reason = absl::StrCat(Ordinal(c.follow_up.ordinal), " follow-up after meeting ", name);
    if (!meeting.event_name.empty()) absl::StrAppend(&item.reason, " at ", meeting.event_name);
    absl::StrAppend(&item.reason, " on ", DayText(meeting.occurred_at), ", due ",
                    DayText(c.follow_up.due));
    item.party = ContactName(query.firm_id, meeting.contact_id);
    item.resources = {item.party, InteractionName(query.firm_id, meeting.id)};
    item.since = meeting.occurred_at;
    item.due = c.follow_up.due;
    items.push_back(std::move(item));
  }
  return items;
}

absl::StatusOr<std::vector<Item>> Nurture(ReviewContext& context) {
  const ReviewQuery& query = context.query();
  REFNET_ASSIGN_OR_RETURN(std::vector<contacts::Relationship> key,
                          context.tx().Review().KeyRelationships(query.firm_id, query.member_id));
  struct Candidate {
    Rank rank;
    std::string contact_id;
    std::optional<absl::Time> last_touch;
  };
  std::vector<Candidate> quiet;
  for (const contacts::Relationship& r : key) {
    if (r.create_time > query.as_of) continue;
    std::optional<absl::Time> last = r.last_touch_time;
    if (last && *last > query.as_of) {
      REFNET_ASSIGN_OR_RETURN(last, context.tx().Review().LastInteraction(
                                        query.firm_id, query.member_id, r.contact_id, query.as_of));
    }
    if (!NeedsNurture(last, query.settings.nurture_days, query.as_of)) continue;
    quiet.push_back(Candidate{
        Rank{TimeOrder(last), RelationshipName(query.firm_id, query.member_id, r.contact_id)},
        r.contact_id, last});
  }
  KeepTop(quiet, context.items_max());
  std::vector<Item> items;
  for (const Candidate& c : quiet) {
    REFNET_ASSIGN_OR_RETURN(std::string name, context.ContactDisplayName(c.contact_id));
    Item item;
    item.section = Section::kNurture;
    item.reason = absl::StrCat("key relationship with ", name);
    if (c.last_touch) {
      absl::StrAppend(&item.reason, ": no touch for ", WholeDays(query.as_of - *c.last_touch),
                      " days, since ", DayText(*c.last_touch));
    } else {
      absl::StrAppend(&item.reason, ": never touched");
    }
    item.party = ContactName(query.firm_id, c.contact_id);
    item.resources = {c.rank.name, item.party};
    item.since = c.last_touch;
    items.push_back(std::move(item));
  }
  return items;
}

}  // namespace refnet::review
