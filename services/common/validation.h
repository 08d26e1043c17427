// Field validators for input that comes from outside; each failure is an
// INVALID_ARGUMENT whose message names the field.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace refnet {

// Requires a non-empty string of at most `length_max` bytes of valid UTF-8.
absl::Status ValidateRequiredText(absl::string_view value, absl::string_view field,
                                  size_t length_max);
// Like ValidateRequiredText but allows empty.
absl::Status ValidateOptionalText(absl::string_view value, absl::string_view field,
                                  size_t length_max);
// A list of non-empty, bounded strings; names the offending element, e.g. `tags[3]`.
absl::Status ValidateTextList(const std::vector<std::string>& values, absl::string_view field,
                              size_t count_max, size_t length_max);

// A plausible email address: one "@", a non-empty local part, a dotted domain.
absl::Status ValidateEmail(absl::string_view email, absl::string_view field);
// Digits with an optional leading "+", spaces, dots, dashes and parentheses.
absl::Status ValidatePhone(absl::string_view phone, absl::string_view field);

// Empty (no idempotency) or a UUID in its canonical 8-4-4-4-12 hex form.
absl::Status ValidateRequestId(absl::string_view request_id);

// Resolves a page size: 0 → default, negative → INVALID_ARGUMENT, capped at the max.
absl::StatusOr<int32_t> ResolvePageSize(int32_t page_size);

// Lower-cases ASCII letters, for case-insensitive uniqueness of emails.
std::string LowerAscii(absl::string_view s);

}  // namespace refnet
