// UUID layout (RFC 9562): 48 bits of Unix milliseconds, version 7, 12 bits,
// variant 10, 62 bits.
#include "clients/loadgen/seeded_ids.h"

#include "absl/strings/str_format.h"

namespace refnet::loadgen {
namespace {

constexpr uint64_t kCounterBits = 12;
constexpr uint64_t kCounterMask = (uint64_t{1} << kCounterBits) - 1;

}  // namespace

SeededIdGenerator::SeededIdGenerator(uint64_t seed, absl::Time start)
    : rng_(StableHash("ids", seed)), start_ms_(static_cast<uint64_t>(absl::ToUnixMillis(start))) {}

std::string SeededIdGenerator::NewId() {
  uint64_t ms = start_ms_ + (count_ >> kCounterBits);
  uint64_t counter = count_ & kCounterMask;
  ++count_;
  uint64_t tail = rng_.Next();
  uint64_t variant = ((tail >> 48) & 0x3FFF) | 0x8000;
  return absl::StrFormat("%08x-%04x-%04x-%04x-%012x", ms >> 16, ms & 0xFFFF, 0x7000 | counter,
                         variant, tail & 0xFFFFFFFFFFFF);
}

}  // namespace refnet::loadgen
