// Who may touch what. The firm always comes from the verified token; a name
// under another firm is PERMISSION_DENIED whether or not it exists (AIP-211).
#pragma once

#include <initializer_list>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "services/auth/token.h"

namespace refnet::rpc {

// Firm data (contacts, graph, ledger): a firm role of the same firm.
absl::Status RequireFirmData(const auth::Principal& principal, absl::string_view firm_id,
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
