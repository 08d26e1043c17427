// Resource names from what users type: `ann` becomes
// `firms/acme/contacts/ann` in firm `acme`; a full name is kept as given.
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace refnet::ctl {

// `acme` or `firms/acme` → `firms/acme`.
absl::StatusOr<std::string> ExpandFirmName(absl::string_view input);

// `acme` or `firms/acme` → `acme`.
std::string FirmIdOf(absl::string_view input);

// `firms/{firm}` for the caller's firm; a usage error when no firm is known.
absl::StatusOr<std::string> FirmParent(absl::string_view firm_id);

// Expands a short id into `firms/{firm_id}/{collection}/{input}`. Input that
// contains a slash is taken as a full resource name and returned unchanged.
// `what` names the argument in error messages, e.g. "--contact".
absl::StatusOr<std::string> ExpandChildName(absl::string_view firm_id, absl::string_view collection,
                                            absl::string_view input, absl::string_view what);

// A party of the ledger: a member or a contact. A bare id would be ambiguous,
// so the input must be `members/{id}`, `contacts/{id}` (expanded in the firm)
// or a full name starting with `firms/` (used as given). `what` names the
// argument in error messages, e.g. "--giver".
absl::StatusOr<std::string> ExpandPartyName(absl::string_view firm_id, absl::string_view input,
                                            absl::string_view what);

// A party name as users type it back: `firms/acme/members/alice` →
// `members/alice`. Anything else is returned unchanged.
absl::string_view PartyShortName(absl::string_view name);

// The last segment of a resource name: `firms/acme/contacts/ann` → `ann`.
absl::string_view LastSegment(absl::string_view name);

}  // namespace refnet::ctl
