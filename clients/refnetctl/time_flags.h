// Times given on the command line: RFC 3339 instants or UTC dates.
#pragma once

#include <optional>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "clients/refnetctl/flag_parser.h"
#include "google/protobuf/timestamp.pb.h"

namespace refnet::ctl {

// Reads an RFC 3339 time or a UTC date; nullopt when the flag is absent and a
// usage error naming the flag when it cannot be read.
absl::StatusOr<std::optional<absl::Time>> TimeFlag(const ParsedArgs& args, absl::string_view flag);

void SetTimestamp(absl::Time time, google::protobuf::Timestamp* out);

}  // namespace refnet::ctl
