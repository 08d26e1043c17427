// Readable rendering of a List response: a compact table of its items, then
// `next page: <token>` when there are more.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "google/protobuf/message.h"

namespace refnet::ctl {

// `response` is any List*Response: one repeated message field of items and
// a `next_page_token`.
void PrintList(const google::protobuf::Message& response, std::ostream& out);

// Prints rows (the first one being the header) as aligned columns.
void PrintRows(const std::vector<std::vector<std::string>>& rows, std::ostream& out);

// Free text as a table cell: "-" when empty, on one line, cut when too wide.
std::string TableCell(absl::string_view text);

}  // namespace refnet::ctl
