// CSV columns are named after Contact fields, so a cell is copied into its
// field by name; list columns split on `;`.
#include "clients/refnetctl/import_requests.h"

#include <algorithm>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "clients/refnetctl/csv_reader.h"
#include "clients/refnetctl/exit_status.h"
#include "clients/refnetctl/short_names.h"
#include "clients/refnetctl/time_flags.h"
#include "services/common/resource_names.h"
#include "services/common/status.h"

namespace refnet::ctl {
namespace {

using Record = std::vector<std::string>;

// The column each header cell names, checked against kImportColumns.
absl::StatusOr<std::vector<absl::string_view>> ReadHeader(const Record& header) {
  std::vector<absl::string_view> columns;
  for (const std::string& cell : header) {
    std::string name = absl::AsciiStrToLower(absl::StripAsciiWhitespace(cell));
    const absl::string_view* known =
        std::find(std::begin(kImportColumns), std::end(kImportColumns), name);
    if (known == std::end(kImportColumns)) {
      return UsageError(absl::StrCat("unknown CSV column \"", name, "\"; columns are ",
                                     absl::StrJoin(kImportColumns, ", ")));
    }
    if (std::find(columns.begin(), columns.end(), *known) != columns.end()) {
      return UsageError(absl::StrCat("CSV column \"", name, "\" appears twice"));
    }
    columns.push_back(*known);
  }
  if (std::find(columns.begin(), columns.end(), "display_name") == columns.end()) {
    return UsageError("the CSV header row needs a display_name column");
  }
  return columns;
}

// Copies one cell into the request: `contact_id`, or the Contact field of the
// same name; a list field takes the `;`-separated values, blanks dropped.
void SetCell(absl::string_view column, absl::string_view cell, v1::ImportContactsRequest* request) {
  cell = absl::StripAsciiWhitespace(cell);
  if (column == "contact_id") {
    request->set_contact_id(std::string(cell));
    return;
  }
  v1::Contact* contact = request->mutable_contact();
  const auto* field = contact->GetDescriptor()->FindFieldByName(std::string(column));
  const auto* reflection = contact->GetReflection();
  if (!field->is_repeated()) {
    reflection->SetString(contact, field, std::string(cell));
    return;
  }
  for (absl::string_view value : absl::StrSplit(cell, ';')) {
    value = absl::StripAsciiWhitespace(value);
    if (!value.empty()) reflection->AddString(contact, field, std::string(value));
  }
}

// The batch fields, sent once in the first message.
absl::Status SetBatchFields(const ParsedArgs& args, const GlobalOptions& options,
                            v1::ImportContactsRequest* first) {
  REFNET_ASSIGN_OR_RETURN(*first->mutable_parent(), FirmParent(options.firm_id));
  first->set_request_id(options.request_id);
  first->set_event_name(args.Value("event").value_or(""));
  REFNET_ASSIGN_OR_RETURN(std::optional<absl::Time> event_time, TimeFlag(args, "event-time"));
  if (event_time.has_value()) SetTimestamp(*event_time, first->mutable_event_time());
  if (std::optional<std::string> member = args.Value("member")) {
    REFNET_ASSIGN_OR_RETURN(*first->mutable_member(),
                            ExpandChildName(options.firm_id, kMembers, *member, "--member"));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::vector<v1::ImportContactsRequest>> BuildImportContacts(
    const ParsedArgs& args, const GlobalOptions& options, absl::string_view csv) {
  REFNET_ASSIGN_OR_RETURN(std::vector<Record> records, ParseCsv(csv));
  if (records.empty()) return UsageError("the CSV file is empty; it needs a header row");
  REFNET_ASSIGN_OR_RETURN(std::vector<absl::string_view> columns, ReadHeader(records[0]));
  if (records.size() == 1) return UsageError("the CSV file has a header row but no contacts");
  if (records.size() - 1 > kImportRowsMax) {
    return UsageError(absl::StrCat("the CSV file has ", records.size() - 1,
                                   " contacts; import at most ", kImportRowsMax, " at a time"));
  }
  std::vector<v1::ImportContactsRequest> requests(records.size() - 1);
  for (size_t row = 1; row < records.size(); ++row) {
    const Record& cells = records[row];
    if (cells.size() > columns.size()) {
      return UsageError(absl::StrCat("CSV row ", row, " has ", cells.size(),
                                     " cells but the header row has ", columns.size()));
    }
    v1::ImportContactsRequest& request = requests[row - 1];
    request.mutable_contact();  // every message carries a row, even a blank one
    for (size_t i = 0; i < cells.size(); ++i) SetCell(columns[i], cells[i], &request);
  }
  REFNET_RETURN_IF_ERROR(SetBatchFields(args, options, &requests[0]));
  return requests;
}

}  // namespace refnet::ctl
