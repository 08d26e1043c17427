// `contacts import`: a CSV file of contacts as the messages of one
// ImportContacts stream.
#pragma once

#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "clients/refnetctl/flag_parser.h"
#include "clients/refnetctl/global_options.h"
#include "refnet/v1/contact_service.pb.h"

namespace refnet::ctl {

// Data rows one file may hold, as many as the server takes in one stream.
inline constexpr size_t kImportRowsMax = 10000;

// The columns a file may have, in the order the usage lists them. Cells of
// the list columns hold several values separated by `;`.
inline constexpr absl::string_view kImportColumns[] = {
    "display_name", "organization", "title", "emails", "phones",
    "tags",         "offers",       "needs", "notes",  "contact_id",
};

// `contacts import --file F.csv [--event NAME] [--event-time T] [--member M]`:
// one request per data row of `csv` (after its header row), with the batch
// fields in the first. Unknown or repeated columns, a row with more cells
// than the header, and a file with no or too many rows are usage errors.
absl::StatusOr<std::vector<v1::ImportContactsRequest>> BuildImportContacts(
    const ParsedArgs& args, const GlobalOptions& options, absl::string_view csv);

}  // namespace refnet::ctl
