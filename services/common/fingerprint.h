// Stable digests of requests and queries (SHA-256), used to bind idempotency
// records and page tokens to the exact request that produced them.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>

#include "absl/strings/string_view.h"

namespace refnet {

// Lower-case hex SHA-256 of the parts, each length-prefixed so that
// ("ab", "c") and ("a", "bc") differ.
std::string Fingerprint(std::initializer_list<absl::string_view> parts);

}  // namespace refnet
