// The weekly review's reads in SQLite. Column order follows the SELECTs in
// review_queries.h.
#include "services/storage/sqlite/review_repository.h"

#include <nlohmann/json.hpp>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/common/status.h"
#include "services/storage/sqlite/ledger_repository.h"
#include "services/storage/sqlite/review_queries.h"
#include "services/storage/sqlite/row_helpers.h"
#include "services/storage/sqlite/time_columns.h"

namespace refnet::storage::sqlite {
namespace {

// Only what replaying a pair and naming a favour need.
ledger::Favour ReadFavour(const Statement& s) {
  ledger::Favour f;
  f.id = s.Text(0);
  f.giver = s.Text(1);
  f.receiver = s.Text(2);
  f.value_points = s.Int(3);
  f.occurred_at = FromMicros(s.Int(4));
  f.voids = s.Text(5);
  return f;
}

// A JSON array of strings without escapes holds its words unchanged between
// quotes, brackets and commas, which word matching skips like spaces; only
// escaped text needs decoding. Most rows take the fast path.
std::string MatchText(const std::string& tags_json, const std::string& offers_json) {
  if (tags_json.find('\\') == std::string::npos && offers_json.find('\\') == std::string::npos) {
    return tags_json + " " + offers_json;
  }
  return absl::StrCat(absl::StrJoin(StringsFromJson(tags_json), " "), " ",
                      absl::StrJoin(StringsFromJson(offers_json), " "));
}

}  // namespace

template <typename... Args>
absl::StatusOr<std::vector<ledger::PairBalance>> SqliteReviewRepository::BothSides(
    const char* as_a, const char* as_b, const Args&... args) {
  std::vector<ledger::PairBalance> pairs;
  for (const char* sql : {as_a, as_b}) {
    REFNET_ASSIGN_OR_RETURN(Statement s, db_.Prepare(sql));
    s.Bind(args...);
    REFNET_ASSIGN_OR_RETURN(std::vector<ledger::PairBalance> some,
                            ReadAll<ledger::PairBalance>(s, ReadPair));
    for (ledger::PairBalance& pair : some) pairs.push_back(std::move(pair));
  }
  return pairs;
}

absl::StatusOr<std::vector<ledger::PairBalance>> SqliteReviewRepository::PairsChangedAfter(
    absl::string_view firm_id, absl::string_view party, absl::Time after) {
  return BothSides(queries::kReviewChangedAsA, queries::kReviewChangedAsB, firm_id, party,
                   ToMicros(after));
}

absl::StatusOr<std::vector<ledger::PairBalance>> SqliteReviewRepository::PairsOwedBy(
    absl::string_view firm_id, absl::string_view party, int32_t limit) {
  return BothSides(queries::kReviewOwedAsA, queries::kReviewOwedAsB, firm_id, party, limit);
}

absl::StatusOr<std::vector<ledger::PairBalance>> SqliteReviewRepository::OneWayPairsOf(
    absl::string_view firm_id, absl::string_view party, int32_t count_min, absl::Time active_since,
    int32_t limit) {
  return BothSides(queries::kReviewOneWayAsA, queries::kReviewOneWayAsB, firm_id, party, count_min,
                   ToMicros(active_since), limit);
}

absl::StatusOr<std::vector<ledger::Favour>> SqliteReviewRepository::FavoursUntil(
    absl::string_view firm_id, absl::string_view giver, absl::string_view receiver,
    absl::Time until) {
  REFNET_ASSIGN_OR_RETURN(Statement s, db_.Prepare(queries::kReviewFavoursUntil));
  s.Bind(firm_id, giver, receiver, ToMicros(until));
  return ReadAll<ledger::Favour>(s, ReadFavour);
}

absl::StatusOr<std::optional<ledger::Favour>> SqliteReviewRepository::LatestLiveFavour(
    absl::string_view firm_id, absl::string_view giver, absl::string_view receiver,
    absl::Time until) {
  REFNET_ASSIGN_OR_RETURN(Statement s, db_.Prepare(queries::kReviewLatestLiveFavour));
  s.Bind(firm_id, giver, receiver, ToMicros(until));
  REFNET_ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return std::nullopt;
  return ReadFavour(s);
}

absl::StatusOr<std::vector<contacts::Interaction>> SqliteReviewRepository::InteractionsOf(
    absl::string_view firm_id, absl::string_view member_id, absl::Time after, absl::Time until) {
  REFNET_ASSIGN_OR_RETURN(Statement s, db_.Prepare(queries::kReviewInteractionsOf));
  s.Bind(firm_id, member_id, ToMicros(after), ToMicros(until));
  return ReadAll<contacts::Interaction>(s, [&](const Statement& row) {
    contacts::Interaction i;
    i.firm_id = std::string(firm_id);
    i.member_id = std::string(member_id);
    i.position = row.Int(0);
    i.id = row.Text(1);
    i.contact_id = row.Text(2);
    i.kind = static_cast<contacts::InteractionKind>(row.Int(3));
    i.occurred_at = FromMicros(row.Int(4));
    i.event_name = row.Text(5);
    return i;
  });
}

absl::StatusOr<std::optional<absl::Time>> SqliteReviewRepository::LastInteraction(
    absl::string_view firm_id, absl::string_view member_id, absl::string_view contact_id,
    absl::Time until) {
  REFNET_ASSIGN_OR_RETURN(Statement s, db_.Prepare(queries::kReviewLastInteraction));
  s.Bind(firm_id, member_id, contact_id, ToMicros(until));
  REFNET_ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return std::nullopt;
  return OptionalTime(s, 0);
}

absl::StatusOr<std::vector<contacts::Relationship>> SqliteReviewRepository::KeyRelationships(
    absl::string_view firm_id, absl::string_view member_id) {
  REFNET_ASSIGN_OR_RETURN(Statement s, db_.Prepare(queries::kReviewKeyRelationships));
  s.Bind(firm_id, member_id);
  return ReadAll<contacts::Relationship>(s, [&](const Statement& row) {
    contacts::Relationship r;
    r.firm_id = std::string(firm_id);
    r.member_id = std::string(member_id);
    r.contact_id = row.Text(0);
    r.key = true;
    r.last_touch_time = OptionalTime(row, 1);
    r.create_time = FromMicros(row.Int(2));
    return r;
  });
}

absl::StatusOr<std::vector<asks::Ask>> SqliteReviewRepository::RecentOpenAsks(
    absl::string_view firm_id, int32_t limit) {
  REFNET_ASSIGN_OR_RETURN(Statement s, db_.Prepare(queries::kReviewRecentOpenAsks));
  s.Bind(firm_id, limit);
  return ReadAll<asks::Ask>(s, [&](const Statement& row) {
    asks::Ask a;
    a.firm_id = std::string(firm_id);
    a.id = row.Text(0);
    a.asker = row.Text(1);
    a.need = row.Text(2);
    a.tags = StringsFromJson(row.Text(3));
    a.state = asks::AskState::kOpen;
    a.create_time = FromMicros(row.Int(4));
    return a;
  });
}

absl::StatusOr<std::vector<review::KnownContact>> SqliteReviewRepository::ContactsKnownBy(
    absl::string_view firm_id, absl::string_view member_id, absl::Time until) {
  REFNET_ASSIGN_OR_RETURN(Statement s, db_.Prepare(queries::kReviewContactsKnownBy));
  s.Bind(firm_id, member_id, ToMicros(until));
  return ReadAll<review::KnownContact>(s, [](const Statement& row) {
    return review::KnownContact{row.Text(0), row.Text(1), MatchText(row.Text(2), row.Text(3))};
  });
}

absl::Status SqliteReviewRepository::ReadHistory(referrals::Referral& referral) {
  REFNET_ASSIGN_OR_RETURN(Statement s, db_.Prepare(queries::kReviewReferralMoves));
  s.Bind(referral.firm_id, referral.id);
  REFNET_ASSIGN_OR_RETURN(
      referral.history, ReadAll<referrals::ReferralMove>(s, [](const Statement& row) {
        return referrals::ReferralMove{static_cast<referrals::Stage>(row.Int(0)),
                                       static_cast<referrals::Stage>(row.Int(1)), row.Text(2),
                                       FromMicros(row.Int(3)), row.Text(4)};
      }));
  return absl::OkStatus();
}

absl::StatusOr<std::vector<referrals::Referral>> SqliteReviewRepository::StuckReferralCandidates(
    absl::string_view firm_id, absl::string_view party, absl::Time stuck_before, absl::Time as_of) {
  std::vector<referrals::Referral> found;
  std::set<std::string> seen;
  for (const char* sql : {queries::kReviewStuckAsReferrer, queries::kReviewStuckAsRecipient}) {
    REFNET_ASSIGN_OR_RETURN(Statement s, db_.Prepare(sql));
    s.Bind(firm_id, party, ToMicros(stuck_before), ToMicros(as_of));
    REFNET_ASSIGN_OR_RETURN(std::vector<referrals::Referral> some,
                            ReadAll<referrals::Referral>(s, [&](const Statement& row) {
                              referrals::Referral r;
                              r.firm_id = std::string(firm_id);
                              r.id = row.Text(0);
                              r.referrer = row.Text(1);
                              r.recipient = row.Text(2);
                              r.prospect_contact = row.Text(3);
                              r.prospect_description = row.Text(4);
                              r.stage = static_cast<referrals::Stage>(row.Int(5));
                              r.stage_time = FromMicros(row.Int(6));
                              return r;
                            }));
    for (referrals::Referral& r : some) {
      if (seen.insert(r.id).second) found.push_back(std::move(r));
    }
  }
  for (referrals::Referral& r : found) {
    if (r.stage_time > as_of) REFNET_RETURN_IF_ERROR(ReadHistory(r));
  }
  return found;
}

}  // namespace refnet::storage::sqlite
