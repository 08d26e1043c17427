// Dates are read as midnight UTC so that the same command means the same
// instant on every machine.
#include "clients/refnetctl/time_flags.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "clients/refnetctl/exit_status.h"

namespace refnet::ctl {

absl::StatusOr<std::optional<absl::Time>> TimeFlag(const ParsedArgs& args, absl::string_view flag) {
  std::optional<std::string> text = args.Value(flag);
  if (!text.has_value()) return std::nullopt;
  absl::Time time;
  std::string error;
  if (!absl::ParseTime(absl::RFC3339_full, *text, &time, &error) &&
      !absl::ParseTime("%Y-%m-%d", *text, absl::UTCTimeZone(), &time, &error)) {
    return UsageError(absl::StrCat("--", flag,
                                   " wants a time like 2024-05-01T09:30:00Z or a date "
                                   "like 2024-05-01, not \"",
                                   *text, "\""));
  }
  return time;
}

void SetTimestamp(absl::Time time, google::protobuf::Timestamp* out) {
  out->set_seconds(absl::ToUnixSeconds(time));
  out->set_nanos(
      static_cast<int32_t>((time - absl::FromUnixSeconds(out->seconds())) / absl::Nanoseconds(1)));
}

}  // namespace refnet::ctl
