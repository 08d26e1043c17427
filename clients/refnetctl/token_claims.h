// What a bearer token says about its holder, read without checking the
// signature: the client only uses it for defaults, and the server verifies.
#pragma once

#include <string>

#include "absl/strings/string_view.h"

namespace refnet::ctl {

struct UnverifiedClaims {
  std::string firm_id;    // the `firm` claim; empty for platform admins
  std::string member_id;  // the `sub` claim
  std::string role;       // the `role` claim
};

// Decodes the payload of a JWT. A token that cannot be decoded yields empty
// claims, leaving the server to explain what is wrong with it.
UnverifiedClaims ReadUnverifiedClaims(absl::string_view token);

}  // namespace refnet::ctl
