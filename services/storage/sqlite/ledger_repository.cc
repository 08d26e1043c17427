// Ledger rows in SQLite; column order follows REFNET_*_COLUMNS in ledger_queries.h.
#include "services/storage/sqlite/ledger_repository.h"

#include "absl/strings/str_cat.h"
#include "services/common/status.h"
#include "services/storage/sqlite/ledger_queries.h"
#include "services/storage/sqlite/row_helpers.h"
#include "services/storage/sqlite/time_columns.h"

namespace refnet::storage::sqlite {
namespace {

using ledger::Favour;
using ledger::PairBalance;
using ledger::PartyTotals;

Favour ReadFavour(const Statement& s) {
  Favour f;
  f.position = s.Int(0);
  f.firm_id = s.Text(1);
  f.id = s.Text(2);
  f.giver = s.Text(3);
  f.receiver = s.Text(4);
  f.kind = static_cast<ledger::FavourKind>(s.Int(5));
  f.value_points = s.Int(6);
  f.occurred_at = FromMicros(s.Int(7));
  f.note = s.Text(8);
  f.referral = s.Text(9);
  f.ask = s.Text(10);
  f.introduced_party = s.Text(11);
  f.voids = s.Text(12);
  f.void_reason = s.Text(13);
  f.recorded_by = s.Text(14);
  f.create_time = FromMicros(s.Int(15));
  f.voided_by = s.Text(16);
  return f;
}

PartyTotals ReadTotals(const Statement& s) {
  PartyTotals t;
  t.firm_id = s.Text(0);
  t.party = s.Text(1);
  t.given_points = s.Int(2);
  t.received_points = s.Int(3);
  t.given_count = s.Int(4);
  t.received_count = s.Int(5);
  t.version = s.Int(6);
  return t;
}

}  // namespace

ledger::PairBalance ReadPair(const Statement& s) {
  ledger::PairBalance p;
  p.firm_id = s.Text(0);
  p.party_a = s.Text(1);
  p.party_b = s.Text(2);
  p.a_given_points = s.Int(3);
  p.b_given_points = s.Int(4);
  p.a_given_count = s.Int(5);
  p.b_given_count = s.Int(6);
  p.a_last_given = OptionalTime(s, 7);
  p.b_last_given = OptionalTime(s, 8);
  p.version = s.Int(9);
  return p;
}

absl::StatusOr<Favour> SqliteLedgerRepository::GetFavour(absl::string_view firm_id,
                                                         absl::string_view id) {
  REFNET_ASSIGN_OR_RETURN(Statement s, db_.Prepare(queries::kGetFavour));
  s.Bind(firm_id, id);
  REFNET_ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) {
    return absl::NotFoundError(
        absl::StrCat("favour firms/", firm_id, "/favours/", id, " does not exist"));
  }
  return ReadFavour(s);
}

absl::Status SqliteLedgerRepository::InsertFavour(Favour& f) {
  REFNET_ASSIGN_OR_RETURN(Statement s, db_.Prepare(queries::kInsertFavour));
  s.Bind(f.firm_id, f.id, f.giver, f.receiver, static_cast<int64_t>(f.kind), f.value_points,
         ToMicros(f.occurred_at), f.note, f.referral, f.ask, f.introduced_party, f.voids,
         f.void_reason, f.recorded_by, ToMicros(f.create_time));
  REFNET_RETURN_IF_ERROR(s.Run());
  f.position = db_.LastInsertRowId();
  return absl::OkStatus();
}

absl::StatusOr<std::vector<Favour>> SqliteLedgerRepository::ListFavours(
    absl::string_view firm_id, const ledger::FavourFilter& filter, int64_t after_position,
    int32_t limit) {
  REFNET_ASSIGN_OR_RETURN(Statement s, db_.Prepare(queries::kListFavours));
  s.Bind(firm_id, filter.party, filter.counterparty,
         filter.kind ? static_cast<int64_t>(*filter.kind) : int64_t{0},
         OptionalMicros(filter.start_time), OptionalMicros(filter.end_time), after_position, limit);
  return ReadAll<Favour>(s, ReadFavour);
}

absl::StatusOr<std::vector<Favour>> SqliteLedgerRepository::RecentFavoursOf(
    absl::string_view firm_id, absl::string_view party, int32_t limit) {
  REFNET_ASSIGN_OR_RETURN(Statement s, db_.Prepare(queries::kRecentFavoursOf));
  s.Bind(firm_id, party, limit);
  return ReadAll<Favour>(s, ReadFavour);
}

absl::Status SqliteLedgerRepository::ForEachFavour(absl::string_view firm_id,
                                                   absl::FunctionRef<void(const Favour&)> visit) {
  REFNET_ASSIGN_OR_RETURN(Statement s, db_.Prepare(queries::kAllFavours));
  s.Bind(firm_id);
  while (true) {
    REFNET_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) return absl::OkStatus();
    visit(ReadFavour(s));
  }
}

absl::Status SqliteLedgerRepository::ReassignParty(absl::string_view firm_id,
                                                   absl::string_view from, absl::string_view to) {
  {
    REFNET_ASSIGN_OR_RETURN(Statement s, db_.Prepare(queries::kReassignGiver));
    REFNET_RETURN_IF_ERROR(s.Bind(firm_id, from, to).Run());
  }
  REFNET_ASSIGN_OR_RETURN(Statement s, db_.Prepare(queries::kReassignReceiver));
  return s.Bind(firm_id, from, to).Run();
}

absl::StatusOr<PairBalance> SqliteLedgerRepository::GetPair(absl::string_view firm_id,
                                                            absl::string_view a,
                                                            absl::string_view b) {
  REFNET_ASSIGN_OR_RETURN(Statement s, db_.Prepare(queries::kGetPair));
  s.Bind(firm_id, a, b);
  REFNET_ASSIGN_OR_RETURN(bool row, s.Step());
  if (row) return ReadPair(s);
  PairBalance empty;
  empty.firm_id = std::string(firm_id);
  empty.party_a = std::string(a);
  empty.party_b = std::string(b);
  return empty;
}

absl::Status SqliteLedgerRepository::PutPair(const PairBalance& p) {
  REFNET_ASSIGN_OR_RETURN(Statement s, db_.Prepare(queries::kPutPair));
  return s
      .Bind(p.firm_id, p.party_a, p.party_b, p.a_given_points, p.b_given_points, p.a_given_count,
            p.b_given_count, OptionalMicros(p.a_last_given), OptionalMicros(p.b_last_given),
            p.version)
      .Run();
}

absl::Status SqliteLedgerRepository::DeletePairsOf(absl::string_view firm_id,
                                                   absl::string_view party) {
  REFNET_ASSIGN_OR_RETURN(Statement s, db_.Prepare(queries::kDeletePairsOf));
  return s.Bind(firm_id, party).Run();
}

absl::StatusOr<std::vector<PairBalance>> SqliteLedgerRepository::RankedPairsOf(
    absl::string_view firm_id, absl::string_view party, ledger::DirectionFilter direction,
    const std::optional<ledger::BalanceCursor>& after, int32_t limit) {
  REFNET_ASSIGN_OR_RETURN(Statement s, db_.Prepare(queries::kRankedPairsOf));
  std::optional<int64_t> magnitude;
  std::string counterparty;
  if (after) {
    magnitude = after->magnitude;
    counterparty = after->counterparty;
  }
  s.Bind(firm_id, party, static_cast<int64_t>(direction), magnitude, counterparty, limit);
  return ReadAll<PairBalance>(s, ReadPair);
}

absl::StatusOr<std::vector<PairBalance>> SqliteLedgerRepository::AllPairs(
    absl::string_view firm_id) {
  REFNET_ASSIGN_OR_RETURN(Statement s, db_.Prepare(queries::kAllPairs));
  s.Bind(firm_id);
  return ReadAll<PairBalance>(s, ReadPair);
}

absl::StatusOr<PartyTotals> SqliteLedgerRepository::GetTotals(absl::string_view firm_id,
                                                              absl::string_view party) {
  REFNET_ASSIGN_OR_RETURN(Statement s, db_.Prepare(queries::kGetTotals));
  s.Bind(firm_id, party);
  REFNET_ASSIGN_OR_RETURN(bool row, s.Step());
  if (row) return ReadTotals(s);
  PartyTotals empty;
  empty.firm_id = std::string(firm_id);
  empty.party = std::string(party);
  return empty;
}

absl::Status SqliteLedgerRepository::PutTotals(const PartyTotals& t) {
  REFNET_ASSIGN_OR_RETURN(Statement s, db_.Prepare(queries::kPutTotals));
  return s
      .Bind(t.firm_id, t.party, t.given_points, t.received_points, t.given_count, t.received_count,
            t.version)
      .Run();
}

absl::Status SqliteLedgerRepository::DeleteTotals(absl::string_view firm_id,
                                                  absl::string_view party) {
  REFNET_ASSIGN_OR_RETURN(Statement s, db_.Prepare(queries::kDeleteTotals));
  return s.Bind(firm_id, party).Run();
}

absl::StatusOr<std::vector<PartyTotals>> SqliteLedgerRepository::AllTotals(
    absl::string_view firm_id) {
  REFNET_ASSIGN_OR_RETURN(Statement s, db_.Prepare(queries::kAllTotals));
  s.Bind(firm_id);
  return ReadAll<PartyTotals>(s, ReadTotals);
}

absl::StatusOr<int64_t> SqliteLedgerRepository::FirmBalanceOfContact(
    absl::string_view firm_id, absl::string_view contact_party) {
  REFNET_ASSIGN_OR_RETURN(Statement s, db_.Prepare(queries::kFirmBalanceOfContact));
  s.Bind(firm_id, contact_party);
  REFNET_ASSIGN_OR_RETURN(bool row, s.Step());
  return row ? s.Int(0) : 0;
}

absl::StatusOr<int64_t> SqliteLedgerRepository::GetFirmBalanceVersion(absl::string_view firm_id) {
  REFNET_ASSIGN_OR_RETURN(Statement s, db_.Prepare(queries::kGetFirmBalanceVersion));
  s.Bind(firm_id);
  REFNET_ASSIGN_OR_RETURN(bool row, s.Step());
  return row ? s.Int(0) : 0;
}

absl::StatusOr<int64_t> SqliteLedgerRepository::BumpFirmBalanceVersion(absl::string_view firm_id) {
  REFNET_ASSIGN_OR_RETURN(Statement s, db_.Prepare(queries::kBumpFirmBalanceVersion));
  s.Bind(firm_id);
  REFNET_ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return absl::InternalError("firm balance version: no row returned");
  return s.Int(0);
}

absl::StatusOr<std::vector<std::pair<std::string, int64_t>>>
SqliteLedgerRepository::TopContactBalances(absl::string_view firm_id, bool debtors, int32_t limit) {
  REFNET_ASSIGN_OR_RETURN(Statement s, db_.Prepare(queries::kTopContactBalances));
  s.Bind(firm_id, debtors, limit);
  std::vector<std::pair<std::string, int64_t>> rows;
  while (true) {
    REFNET_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) return rows;
    rows.emplace_back(s.Text(0), s.Int(1));
  }
}

absl::StatusOr<int64_t> SqliteEventLog::Append(const Event& e) {
  REFNET_ASSIGN_OR_RETURN(Statement s, db_.Prepare(queries::kAppendEvent));
  REFNET_RETURN_IF_ERROR(
      s.Bind(e.firm_id, e.kind, e.resource, e.payload, ToMicros(clock_.Now())).Run());
  return db_.LastInsertRowId();
}

}  // namespace refnet::storage::sqlite
