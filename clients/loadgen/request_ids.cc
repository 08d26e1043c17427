// Formats 128 bits as a UUID with the RFC 4122 variant: version 8 (custom)
// for derived ids, version 4 for random ones.
#include "clients/loadgen/request_ids.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "clients/loadgen/stable_hash.h"

namespace refnet::loadgen {
namespace {

std::string FormatUuid(uint64_t high, uint64_t low, uint64_t version) {
  high = (high & ~0xf000ULL) | (version << 12);
  low = (low & ~(0x3ULL << 62)) | (0x2ULL << 62);
  return absl::StrFormat("%08x-%04x-%04x-%04x-%012x", high >> 32, (high >> 16) & 0xffff,
                         high & 0xffff, low >> 48, low & 0xffffffffffffULL);
}

}  // namespace

std::string DerivedRequestId(absl::string_view firm, absl::string_view kind, int64_t index) {
  // The separators keep ("ab", "c") and ("a", "bc") apart.
  std::string key = absl::StrCat(firm, "\n", kind, "\n", index);
  return FormatUuid(StableHash(key, 1), StableHash(key, 2), 8);
}

std::string RandomRequestId(uint64_t high, uint64_t low) { return FormatUuid(high, low, 4); }

}  // namespace refnet::loadgen
