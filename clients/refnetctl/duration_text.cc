// absl::ParseDuration stops at hours, so days are handled here.
#include "clients/refnetctl/duration_text.h"

#include <cstdint>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "clients/refnetctl/exit_status.h"

namespace refnet::ctl {
namespace {

// A year is plenty for a token or a deadline; more is almost surely a typo.
constexpr int64_t kDaysMax = 366;

absl::Status BadDuration(absl::string_view text, absl::string_view flag) {
  return UsageError(absl::StrCat(
      "--", flag, " wants a positive duration such as 30m, 1h or 7d, not \"", text, "\""));
}

}  // namespace

absl::StatusOr<absl::Duration> ParsePositiveDuration(absl::string_view text,
                                                     absl::string_view flag) {
  absl::Duration total = absl::ZeroDuration();
  absl::string_view rest = text;
  size_t d = rest.find('d');
  if (d != absl::string_view::npos) {
    int64_t days = 0;
    if (!absl::SimpleAtoi(rest.substr(0, d), &days) || days < 0 || days > kDaysMax) {
      return BadDuration(text, flag);
    }
    total += absl::Hours(24 * days);
    rest = rest.substr(d + 1);
  }
  if (!rest.empty()) {
    absl::Duration part;
    if (!absl::ParseDuration(rest, &part)) return BadDuration(text, flag);
    total += part;
  }
  if (total <= absl::ZeroDuration()) return BadDuration(text, flag);
  return total;
}

}  // namespace refnet::ctl
