// Small pieces shared by the request builders: ids given as a word or as
// --id, paging flags, and flag-to-field copies.
#pragma once

#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "clients/refnetctl/exit_status.h"
#include "clients/refnetctl/flag_parser.h"
#include "google/protobuf/field_mask.pb.h"

namespace refnet::ctl {

// The new resource's id: the first positional word or --id, not both.
inline absl::StatusOr<std::string> NewIdOperand(const ParsedArgs& args) {
  std::optional<std::string> flag = args.Value("id");
  if (!args.positional.empty() && flag.has_value()) {
    return UsageError("give the id as a word or as --id, not both");
  }
  if (!args.positional.empty()) return args.positional[0];
  return flag.value_or("");
}

// Copies --page-size and --page-token into any List request.
template <typename Request>
absl::Status ApplyPaging(const ParsedArgs& args, Request* request) {
  int32_t page_size = 0;
  absl::Status status = args.Int32("page-size", &page_size);
  if (!status.ok()) return status;
  request->set_page_size(page_size);
  request->set_page_token(args.Value("page-token").value_or(""));
  return absl::OkStatus();
}

// Calls `set(value)` when the flag was given and adds `path` to the mask.
template <typename Setter>
void SetMasked(const ParsedArgs& args, absl::string_view flag, absl::string_view path,
               google::protobuf::FieldMask* mask, Setter set) {
  std::optional<std::string> value = args.Value(flag);
  if (!value.has_value()) return;
  set(*value);
  mask->add_paths(std::string(path));
}

}  // namespace refnet::ctl
