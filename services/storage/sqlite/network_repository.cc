// Network rows in SQLite; column order follows network_queries.h.
#include "services/storage/sqlite/network_repository.h"

#include "services/common/status.h"
#include "services/storage/sqlite/network_queries.h"
#include "services/storage/sqlite/row_helpers.h"

namespace refnet::storage::sqlite {
namespace {

using network::ContactBrief;
using network::GivenEdge;
using network::Tie;

Tie ReadTie(const Statement& s) {
  Tie t;
  t.member_id = s.Text(0);
  t.contact_id = s.Text(1);
  t.strength = static_cast<int32_t>(s.Int(2));
  t.last_touch = OptionalTime(s, 3);
  return t;
}

ContactBrief ReadBrief(const Statement& s) {
  ContactBrief b;
  b.id = s.Text(0);
  b.display_name = s.Text(1);
  b.organization = s.Text(2);
  b.offers = StringsFromJson(s.Text(3));
  b.needs = StringsFromJson(s.Text(4));
  b.live = s.Int(5) == 0 && s.Text(6).empty();
  return b;
}

}  // namespace

absl::StatusOr<std::vector<Tie>> SqliteNetworkRepository::TiesOfMember(
    absl::string_view firm_id, absl::string_view member_id) {
  REFNET_ASSIGN_OR_RETURN(Statement s, db_.Prepare(queries::kTiesOfMember));
  s.Bind(firm_id, member_id);
  return ReadAll<Tie>(s, ReadTie);
}

absl::StatusOr<std::vector<Tie>> SqliteNetworkRepository::TiesOfContact(
    absl::string_view firm_id, absl::string_view contact_id) {
  REFNET_ASSIGN_OR_RETURN(Statement s, db_.Prepare(queries::kTiesOfContact));
  s.Bind(firm_id, contact_id);
  return ReadAll<Tie>(s, ReadTie);
}

absl::StatusOr<int32_t> SqliteNetworkRepository::CountKnowers(absl::string_view firm_id,
                                                              absl::string_view contact_id,
                                                              int32_t cap) {
  REFNET_ASSIGN_OR_RETURN(Statement s, db_.Prepare(queries::kCountKnowers));
  s.Bind(firm_id, contact_id, cap);
  REFNET_ASSIGN_OR_RETURN(bool row, s.Step());
  return row ? static_cast<int32_t>(s.Int(0)) : 0;
}

absl::StatusOr<std::vector<std::string>> SqliteNetworkRepository::Neighbours(
    absl::string_view firm_id, absl::string_view contact_id) {
  REFNET_ASSIGN_OR_RETURN(Statement s, db_.Prepare(queries::kNeighbours));
  s.Bind(firm_id, contact_id);
  return ReadAll<std::string>(s, [](const Statement& row) { return row.Text(0); });
}

absl::StatusOr<bool> SqliteNetworkRepository::Connected(absl::string_view firm_id,
                                                        absl::string_view a, absl::string_view b) {
  REFNET_ASSIGN_OR_RETURN(Statement s, db_.Prepare(queries::kConnected));
  if (b < a) std::swap(a, b);
  s.Bind(firm_id, a, b);
  return s.Step();
}

absl::StatusOr<bool> SqliteNetworkRepository::Introduced(absl::string_view firm_id,
                                                         absl::string_view a, absl::string_view b) {
  REFNET_ASSIGN_OR_RETURN(Statement s, db_.Prepare(queries::kIntroduced));
  s.Bind(firm_id, a, b);
  return s.Step();
}

absl::StatusOr<std::vector<std::string>> SqliteNetworkRepository::ContactsAt(
    absl::string_view firm_id, absl::string_view organization, int32_t limit) {
  REFNET_ASSIGN_OR_RETURN(Statement s, db_.Prepare(queries::kContactsAt));
  s.Bind(firm_id, organization, limit);
  return ReadAll<std::string>(s, [](const Statement& row) { return row.Text(0); });
}

absl::StatusOr<std::optional<ContactBrief>> SqliteNetworkRepository::GetBrief(
    absl::string_view firm_id, absl::string_view contact_id) {
  REFNET_ASSIGN_OR_RETURN(Statement s, db_.Prepare(queries::kGetBrief));
  s.Bind(firm_id, contact_id);
  REFNET_ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return std::nullopt;
  return ReadBrief(s);
}

absl::StatusOr<std::vector<ContactBrief>> SqliteNetworkRepository::MatchableContacts(
    absl::string_view firm_id, absl::string_view member_id, int32_t limit) {
  if (member_id.empty()) {
    REFNET_ASSIGN_OR_RETURN(Statement s, db_.Prepare(queries::kMatchableOfFirm));
    s.Bind(firm_id, limit);
    return ReadAll<ContactBrief>(s, ReadBrief);
  }
  REFNET_ASSIGN_OR_RETURN(Statement s, db_.Prepare(queries::kMatchableOfMember));
  s.Bind(firm_id, member_id, limit);
  return ReadAll<ContactBrief>(s, ReadBrief);
}

absl::StatusOr<std::vector<std::pair<std::string, std::string>>>
SqliteNetworkRepository::SoleKnowers(absl::string_view firm_id, absl::string_view member_id) {
  REFNET_ASSIGN_OR_RETURN(
      Statement s,
      db_.Prepare(member_id.empty() ? queries::kSoleKnowersOfFirm : queries::kSoleKnowersOfMember));
  if (member_id.empty()) {
    s.Bind(firm_id);
  } else {
    s.Bind(firm_id, member_id);
  }
  return ReadAll<std::pair<std::string, std::string>>(
      s, [](const Statement& row) { return std::make_pair(row.Text(0), row.Text(1)); });
}

absl::StatusOr<std::vector<GivenEdge>> SqliteNetworkRepository::GivenBy(absl::string_view firm_id,
                                                                        absl::string_view party) {
  REFNET_ASSIGN_OR_RETURN(Statement s, db_.Prepare(queries::kGivenBy));
  s.Bind(firm_id, party);
  return ReadAll<GivenEdge>(s, [](const Statement& row) {
    return GivenEdge{row.Text(0), row.Int(1)};
  });
}

}  // namespace refnet::storage::sqlite
