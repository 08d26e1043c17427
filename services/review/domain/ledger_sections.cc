// The sections read from the ledger: whom the member owes, and where the
// member keeps giving with nothing back.
#include "absl/strings/str_cat.h"
#include "services/common/status.h"
#include "services/ledger/domain/balance_rules.h"
#include "services/review/domain/review_rules.h"
#include "services/review/domain/sections.h"

namespace refnet::review {
namespace {

struct Candidate {
  Rank rank;
  const ledger::Balance* balance;
};

// Rows a ranked read needs so that the top `items_max` pairs unchanged since
// `as_of` are among them, on each side of the pair.
absl::StatusOr<int32_t> RowsToRead(ReviewContext& context) {
  REFNET_ASSIGN_OR_RETURN(int32_t changed, context.ChangedPairCount());
  return static_cast<int32_t>(context.items_max()) + changed;
}

// The party first, then the favour behind the item when there is one.
absl::StatusOr<std::vector<std::string>> Resources(ReviewContext& context,
                                                   const std::string& counterparty,
                                                   const std::string& giver,
                                                   const std::string& receiver) {
  std::vector<std::string> resources = {context.FullName(counterparty)};
  REFNET_ASSIGN_OR_RETURN(std::string favour, context.LatestFavourName(giver, receiver));
  if (!favour.empty()) resources.push_back(std::move(favour));
  return resources;
}

}  // namespace

absl::StatusOr<std::vector<Item>> Reciprocate(ReviewContext& context) {
  const ReviewQuery& query = context.query();
  REFNET_ASSIGN_OR_RETURN(int32_t rows, RowsToRead(context));
  REFNET_ASSIGN_OR_RETURN(std::vector<ledger::PairBalance> stored,
                          context.tx().Review().PairsOwedBy(query.firm_id, query.party(), rows));
  REFNET_ASSIGN_OR_RETURN(
      std::vector<ledger::Balance> balances,
      context.BalancesAsOf(stored, [](const ledger::Balance& b) { return b.net_points() < 0; }));
  std::vector<Candidate> owed;
  for (const ledger::Balance& balance : balances) {
    owed.push_back(Candidate{
        Rank{TimeOrder(balance.last_received), context.FullName(balance.counterparty)}, &balance});
  }
  KeepTop(owed, context.items_max());
  std::vector<Item> items;
  for (const Candidate& c : owed) {
    const ledger::Balance& b = *c.balance;
    REFNET_ASSIGN_OR_RETURN(std::string name, context.DisplayName(b.counterparty));
    Item item;
    item.section = Section::kReciprocate;
    item.points = -b.net_points();
    item.reason = absl::StrCat("you owe ", name, " ", item.points, " points");
    if (b.last_received) {
      absl::StrAppend(&item.reason, "; they last gave on ", DayText(*b.last_received));
    }
    REFNET_ASSIGN_OR_RETURN(item.resources,
                            Resources(context, b.counterparty, b.counterparty, b.party));
    item.since = b.last_received;
    item.party = context.FullName(b.counterparty);
    items.push_back(std::move(item));
  }
  return items;
}

absl::StatusOr<std::vector<Item>> OneWayGiving(ReviewContext& context) {
  const ReviewQuery& query = context.query();
  REFNET_ASSIGN_OR_RETURN(int32_t rows, RowsToRead(context));
  // The read narrows to pairs that can classify as one-way giving (enough
  // favours, none back, not dormant); the ledger's own rule then decides.
  REFNET_ASSIGN_OR_RETURN(std::vector<ledger::PairBalance> stored,
                          context.tx().Review().OneWayPairsOf(
                              query.firm_id, query.party(), query.settings.one_way_min_count,
                              query.as_of - absl::Hours(24) * query.settings.dormant_days, rows));
  REFNET_ASSIGN_OR_RETURN(std::vector<ledger::Balance> balances,
                          context.BalancesAsOf(stored, [&](const ledger::Balance& b) {
                            return ledger::ClassifyHealth(b, query.settings, query.as_of) ==
                                   ledger::Health::kOneWayGiving;
                          }));
  std::vector<Candidate> one_way;
  for (const ledger::Balance& balance : balances) {
    one_way.push_back(
        Candidate{Rank{-balance.given_points, context.FullName(balance.counterparty)}, &balance});
  }
  KeepTop(one_way, context.items_max());
  std::vector<Item> items;
  for (const Candidate& c : one_way) {
    const ledger::Balance& b = *c.balance;
    REFNET_ASSIGN_OR_RETURN(std::string name, context.DisplayName(b.counterparty));
    Item item;
    item.section = Section::kOneWay;
    item.points = b.given_points;
    item.reason = absl::StrCat("you gave ", name, " ", b.given_count, " favours worth ",
                               b.given_points, " points and got nothing back");
    REFNET_ASSIGN_OR_RETURN(item.resources,
                            Resources(context, b.counterparty, b.party, b.counterparty));
    item.since = b.last_given;
    item.party = context.FullName(b.counterparty);
    items.push_back(std::move(item));
  }
  return items;
}

}  // namespace refnet::review
