// Parties print as `members/alice` or `contacts/ann`, the spelling the ledger
// commands accept back; favour ids are never cut.
#include "clients/refnetctl/ledger_printer.h"

#include <cstdint>
#include <vector>

#include "absl/strings/str_cat.h"
#include "clients/refnetctl/enum_text.h"
#include "clients/refnetctl/list_printer.h"
#include "clients/refnetctl/message_printer.h"
#include "clients/refnetctl/short_names.h"

namespace refnet::ctl {
namespace {

using Rows = std::vector<std::vector<std::string>>;

std::string Points(int64_t points) {
  return absl::StrCat(points, points == 1 || points == -1 ? " point" : " points");
}

std::string Party(const std::string& name) { return std::string(PartyShortName(name)); }

std::string TimeCell(const google::protobuf::Message& message, const char* field) {
  const auto* descriptor = message.GetDescriptor()->FindFieldByName(field);
  if (!FieldIsShown(message, *descriptor)) return "-";
  return FieldText(message, *descriptor, -1);
}

// An enum value's short name, or its number when this client does not know it.
std::string EnumCell(const google::protobuf::EnumDescriptor& type, int number) {
  const google::protobuf::EnumValueDescriptor* value = type.FindValueByNumber(number);
  return value == nullptr ? absl::StrCat(number) : EnumShortName(*value);
}

// "voids ID" for a reversal entry, "voided" for a favour that was voided.
std::string VoidStatus(const v1::Favour& favour) {
  if (!favour.voids().empty()) return absl::StrCat("voids ", LastSegment(favour.voids()));
  if (!favour.voided_by().empty()) return "voided";
  return "-";
}

// Favour rows; with `effects`, each favour's effect on a balance too.
Rows FavourRows(const google::protobuf::RepeatedPtrField<v1::Favour>& favours,
                const google::protobuf::RepeatedField<int64_t>* effects) {
  Rows rows;
  std::vector<std::string>& header =
      rows.emplace_back(std::vector<std::string>{"ID", "GIVER", "RECEIVER", "KIND", "POINTS"});
  if (effects != nullptr) header.push_back("EFFECT");
  header.insert(header.end(), {"OCCURRED_AT", "STATUS"});
  for (int i = 0; i < favours.size(); ++i) {
    const v1::Favour& favour = favours[i];
    std::vector<std::string>& row = rows.emplace_back(std::vector<std::string>{
        std::string(LastSegment(favour.name())), Party(favour.giver()), Party(favour.receiver()),
        EnumCell(*v1::FavourKind_descriptor(), favour.kind()),
        absl::StrCat(favour.value_points())});
    if (effects != nullptr) {
      row.push_back(i < effects->size()
                        ? absl::StrCat(effects->Get(i) > 0 ? "+" : "", effects->Get(i))
                        : "?");
    }
    row.insert(row.end(), {TimeCell(favour, "occurred_at"), VoidStatus(favour)});
  }
  return rows;
}

void PrintNextPage(const std::string& token, std::ostream& out) {
  if (!token.empty()) out << "next page: " << token << "\n";
}

void PrintContactBalances(const google::protobuf::RepeatedPtrField<v1::ContactBalance>& rows,
                          absl::string_view title, std::ostream& out) {
  out << title << ":\n";
  if (rows.empty()) {
    out << "  none\n";
    return;
  }
  Rows table = {{"  CONTACT", "POINTS"}};
  for (const v1::ContactBalance& row : rows) {
    table.push_back(
        {absl::StrCat("  ", Party(row.contact())), absl::StrCat(row.firm_balance_points())});
  }
  PrintRows(table, out);
}

}  // namespace

std::string BalanceSummary(const v1::Balance& balance) {
  std::string party = Party(balance.party());
  std::string counterparty = Party(balance.counterparty());
  if (balance.net_points() > 0) {
    return absl::StrCat(counterparty, " owes ", party, " ", Points(balance.net_points()));
  }
  if (balance.net_points() < 0) {
    return absl::StrCat(party, " owes ", counterparty, " ", Points(-balance.net_points()));
  }
  if (balance.version() == 0) {
    return absl::StrCat(party, " and ", counterparty, " have exchanged no favours");
  }
  return absl::StrCat(party, " and ", counterparty, " are even");
}

void PrintBalanceText(const v1::Balance& balance, std::ostream& out) {
  PrintFields(balance, out);
  out << "summary: " << BalanceSummary(balance) << "\n";
}

void PrintFavourListText(const v1::ListFavoursResponse& response, std::ostream& out) {
  if (response.favours().empty()) {
    out << "no favours\n";
  } else {
    PrintRows(FavourRows(response.favours(), nullptr), out);
  }
  PrintNextPage(response.next_page_token(), out);
}

void PrintExplanationText(const v1::ExplainBalanceResponse& response, std::ostream& out) {
  PrintBalanceText(response.balance(), out);
  out << "\n";
  if (response.favours().empty()) {
    out << "no favours\n";
  } else {
    PrintRows(FavourRows(response.favours(), &response.effect_points()), out);
  }
  PrintNextPage(response.next_page_token(), out);
}

void PrintTopBalancesText(const v1::ListTopBalancesResponse& response, std::ostream& out) {
  PrintContactBalances(response.debtors(), "debtors (owe the firm)", out);
  PrintContactBalances(response.creditors(), "creditors (the firm owes them)", out);
}

void PrintStandingText(const v1::Standing& standing, std::ostream& out) {
  v1::Standing totals = standing;
  totals.clear_relationships();
  PrintFields(totals, out);
  if (standing.relationships().empty()) return;
  out << "\n";
  Rows rows = {{"COUNTERPARTY", "NET", "DIRECTION", "HEALTH", "GIVEN", "RECEIVED"}};
  for (const v1::RelationshipHealth& r : standing.relationships()) {
    rows.push_back({Party(r.counterparty()), absl::StrCat(r.balance().net_points()),
                    EnumCell(*v1::BalanceDirection_descriptor(), r.balance().direction()),
                    EnumCell(*v1::ReciprocityHealth_descriptor(), r.health()),
                    absl::StrCat(r.balance().given_points()),
                    absl::StrCat(r.balance().received_points())});
  }
  PrintRows(rows, out);
}

}  // namespace refnet::ctl
