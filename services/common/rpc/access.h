// Who may touch what. The firm always comes from the verified token; a name
// under another firm is PERMISSION_DENIED whether or not it exists (AIP-211).
#pragma once

#include <initializer_list>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "services/auth/token.h"

namespace refnet::rpc {

// Firm data (contacts, graph, ledger): a firm role of the same firm.
absl::Status RequireFirmData(const auth::Principal& principal, absl::string_view firm_id,
                             absl::string_view field);

// Parses a `parent` of firm data (`firms/{firm}`) and checks the caller may
// use it; returns the firm id.
absl::StatusOr<std::string> FirmDataParent(const auth::Principal& principal,
                                           absl::string_view parent);

// A name inside a request must be under the request's firm; another firm's
// is PERMISSION_DENIED whether or not it exists.
absl::Status RequireNameInFirm(absl::string_view name_firm_id, absl::string_view firm_id,
                               absl::string_view field);

// Member management: a platform admin (any firm) or an admin of this firm.
absl::Status RequireMemberAdmin(const auth::Principal& principal, absl::string_view firm_id,
                                absl::string_view field);

// Member reads: a platform admin, or any firm role of this firm.
absl::Status RequireMemberRead(const auth::Principal& principal, absl::string_view firm_id,
                               absl::string_view field);

absl::Status RequirePlatformAdmin(const auth::Principal& principal, absl::string_view what);

// One of `roles`; `what` names the action in the message.
absl::Status RequireRole(const auth::Principal& principal, std::initializer_list<auth::Role> roles,
                         absl::string_view what);

}  // namespace refnet::rpc
