// Each resource type shows the few columns people scan for; resource names
// shrink to the short ids that refnetctl accepts back.
#include "clients/refnetctl/list_printer.h"

#include <algorithm>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "clients/refnetctl/message_printer.h"
#include "clients/refnetctl/short_names.h"

namespace refnet::ctl {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;

// Wider cells are cut so that one long note cannot wreck the table.
constexpr size_t kCellWidthMax = 40;

struct ColumnSet {
  absl::string_view type;
  std::vector<absl::string_view> fields;
};

const std::vector<ColumnSet>& KnownColumns() {
  static const auto* const columns = new std::vector<ColumnSet>{
      {"refnet.v1.Firm", {"name", "display_name", "create_time"}},
      {"refnet.v1.Member", {"name", "display_name", "email", "role", "active"}},
      {"refnet.v1.Contact", {"name", "display_name", "organization", "title", "emails", "tags"}},
      {"refnet.v1.Relationship", {"member", "contact", "strength", "key", "last_touch_time"}},
      {"refnet.v1.Interaction", {"name", "member", "contact", "kind", "occurred_at"}},
      {"refnet.v1.Connection", {"name", "contact", "other", "note"}},
      {"refnet.v1.Balance",
       {"counterparty", "net_points", "direction", "given_points", "received_points"}},
  };
  return *columns;
}

std::vector<const FieldDescriptor*> ColumnsFor(const Descriptor& type) {
  std::vector<const FieldDescriptor*> fields;
  for (const ColumnSet& set : KnownColumns()) {
    if (set.type != type.full_name()) continue;
    for (absl::string_view name : set.fields) {
      const FieldDescriptor* field = type.FindFieldByName(std::string(name));
      if (field != nullptr) fields.push_back(field);
    }
    return fields;
  }
  for (int i = 0; i < type.field_count(); ++i) {
    if (!type.field(i)->is_repeated()) fields.push_back(type.field(i));
  }
  return fields;
}

bool IsResourceReference(const FieldDescriptor& field) {
  static const auto* const kNames =
      new std::vector<absl::string_view>{"name", "member", "contact", "other", "met_through"};
  return std::find(kNames->begin(), kNames->end(), field.name()) != kNames->end();
}

// Ledger parties may be members or contacts, so they keep their collection.
bool IsPartyReference(const FieldDescriptor& field) {
  static const auto* const kNames = new std::vector<absl::string_view>{
      "party", "counterparty", "giver", "receiver", "introduced_party"};
  return std::find(kNames->begin(), kNames->end(), field.name()) != kNames->end();
}

// Terminal columns taken by UTF-8 text, counting one per code point.
size_t DisplayWidth(absl::string_view text) {
  return static_cast<size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

// Cuts text to the cell width on a code point boundary.
std::string Truncate(std::string text) {
  if (DisplayWidth(text) <= kCellWidthMax) return text;
  size_t kept = 0;
  size_t end = 0;
  while (end < text.size()) {
    if ((static_cast<unsigned char>(text[end]) & 0xC0) != 0x80 && kept++ == kCellWidthMax - 3) {
      break;
    }
    ++end;
  }
  return text.substr(0, end) + "...";
}

std::string Cell(const Message& item, const FieldDescriptor& field) {
  std::string text;
  if (field.is_repeated()) {
    std::vector<std::string> parts;
    for (int i = 0; i < item.GetReflection()->FieldSize(item, &field); ++i) {
      parts.push_back(FieldText(item, field, i));
    }
    text = absl::StrJoin(parts, ",");
  } else if (FieldIsShown(item, field)) {
    text = FieldText(item, field, -1);
    if (IsResourceReference(field)) text = std::string(LastSegment(text));
    if (IsPartyReference(field)) text = std::string(PartyShortName(text));
  }
  // Ids are what users type back, so they are never cut.
  if (IsResourceReference(field) || IsPartyReference(field)) return text.empty() ? "-" : text;
  return TableCell(text);
}

std::string Header(const FieldDescriptor& field) {
  if (field.name() == "name") return "ID";
  return absl::AsciiStrToUpper(field.name());
}

void PrintRow(const std::vector<std::string>& cells, const std::vector<size_t>& widths,
              std::ostream& out) {
  std::string line;
  for (size_t i = 0; i < cells.size(); ++i) {
    line += cells[i];
    if (i + 1 < cells.size()) line += std::string(widths[i] - DisplayWidth(cells[i]) + 2, ' ');
  }
  out << line << "\n";
}

void PrintTable(const Message& response, const FieldDescriptor& items, std::ostream& out) {
  const auto& refl = *response.GetReflection();
  std::vector<const FieldDescriptor*> columns = ColumnsFor(*items.message_type());
  std::vector<std::vector<std::string>> rows(1);
  for (const FieldDescriptor* column : columns) rows[0].push_back(Header(*column));
  for (int i = 0; i < refl.FieldSize(response, &items); ++i) {
    const Message& item = refl.GetRepeatedMessage(response, &items, i);
    std::vector<std::string>& row = rows.emplace_back();
    for (const FieldDescriptor* column : columns) row.push_back(Cell(item, *column));
  }
  PrintRows(rows, out);
}

}  // namespace

std::string TableCell(absl::string_view text) {
  if (text.empty()) return "-";
  return Truncate(absl::StrReplaceAll(text, {{"\n", " "}, {"\t", " "}}));
}

void PrintRows(const std::vector<std::vector<std::string>>& rows, std::ostream& out) {
  std::vector<size_t> widths;
  for (const auto& row : rows) {
    if (widths.size() < row.size()) widths.resize(row.size(), 0);
    for (size_t c = 0; c < row.size(); ++c) widths[c] = std::max(widths[c], DisplayWidth(row[c]));
  }
  for (const auto& row : rows) PrintRow(row, widths, out);
}

void PrintList(const Message& response, std::ostream& out) {
  const Descriptor& type = *response.GetDescriptor();
  const auto& refl = *response.GetReflection();
  const FieldDescriptor* items = nullptr;
  for (int i = 0; i < type.field_count() && items == nullptr; ++i) {
    const FieldDescriptor* field = type.field(i);
    if (field->is_repeated() && field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
      items = field;
    }
  }
  if (items == nullptr) return;
  if (refl.FieldSize(response, items) == 0) {
    out << "no " << items->name() << "\n";
  } else {
    PrintTable(response, *items, out);
  }
  const FieldDescriptor* next = type.FindFieldByName("next_page_token");
  if (next != nullptr && !refl.GetString(response, next).empty()) {
    out << "next page: " << refl.GetString(response, next) << "\n";
  }
}

}  // namespace refnet::ctl
