// Ids are UUIDv7: 48 bits of Unix milliseconds, then 74 bits from OpenSSL's
// CSPRNG so that they cannot be guessed. Ids made later sort later, so new
// rows land at the end of the indexes on them instead of on random pages.
#include "services/common/clock.h"

#include <openssl/rand.h>

#include <cstdint>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/time/clock.h"

namespace refnet {

std::string RandomIdGenerator::NewId() {
  uint8_t bytes[16];
  RAND_bytes(bytes, sizeof(bytes));
  uint64_t ms = static_cast<uint64_t>(absl::ToUnixMillis(absl::Now()));
  for (int i = 0; i < 6; ++i) bytes[i] = static_cast<uint8_t>(ms >> (8 * (5 - i)));
  bytes[6] = static_cast<uint8_t>((bytes[6] & 0x0F) | 0x70);
  bytes[8] = static_cast<uint8_t>((bytes[8] & 0x3F) | 0x80);
  std::string hex = absl::BytesToHexString(
      absl::string_view(reinterpret_cast<const char*>(bytes), sizeof(bytes)));
  return absl::StrCat(hex.substr(0, 8), "-", hex.substr(8, 4), "-", hex.substr(12, 4), "-",
                      hex.substr(16, 4), "-", hex.substr(20));
}

}  // namespace refnet
