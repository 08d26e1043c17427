// A small CSV reader (RFC 4180) for files exported from spreadsheets and CRMs.
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace refnet::ctl {

// Splits `text` into records of fields. Fields are separated by commas; a
// field in double quotes may hold commas, line breaks and doubled quotes
// (`""` is one `"`). Lines end in LF or CRLF, blank lines are skipped, and a
// leading UTF-8 byte order mark is dropped. A quote that is not closed, text
// after a closing quote, or a quote inside an unquoted field is a usage error
// naming the line.
absl::StatusOr<std::vector<std::vector<std::string>>> ParseCsv(absl::string_view text);

}  // namespace refnet::ctl
