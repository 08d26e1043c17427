// Request ids (UUID-shaped idempotency keys): derived ones for seeding, so a
// second seed replays instead of duplicating, and random ones for load.
#pragma once

#include <cstdint>
#include <string>

#include "absl/strings/string_view.h"

namespace refnet::loadgen {

// The same id for the same firm, kind ("member", "contact", "favour") and
// index on every run; different ids for anything else.
std::string DerivedRequestId(absl::string_view firm, absl::string_view kind, int64_t index);

// A UUID built from two random words.
std::string RandomRequestId(uint64_t high, uint64_t low);

}  // namespace refnet::loadgen
