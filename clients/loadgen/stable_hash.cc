// FNV-1a and SplitMix64, both fixed by their published constants.
#include "clients/loadgen/stable_hash.h"

namespace refnet::loadgen {

uint64_t StableHash(absl::string_view text, uint64_t salt) {
  uint64_t hash = 0xcbf29ce484222325ULL ^ salt;
  for (char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ULL;
  }
  // One SplitMix64 round spreads FNV's weak low bits over the whole word.
  return SplitMix64(hash).Next();
}

uint64_t SplitMix64::Next() {
  uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

}  // namespace refnet::loadgen
