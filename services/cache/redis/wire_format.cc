// Encoding and parsing of cache entries and tokens.
#include "services/cache/redis/wire_format.h"

#include "absl/random/random.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_format.h"

namespace refnet::cache {

std::string EncodeVersion(int64_t version) { return absl::StrFormat("%020d", version); }

std::optional<Entry> ParseEntry(absl::string_view text) {
  constexpr size_t kHeader = 2 + kVersionDigits;  // "v:" + digits
  if (text.size() < kHeader || text[1] != ':') return std::nullopt;
  absl::string_view digits = text.substr(2, kVersionDigits);
  Entry entry;
  if (digits.find_first_not_of("0123456789") != absl::string_view::npos ||
      !absl::SimpleAtoi(digits, &entry.version)) {
    return std::nullopt;
  }
  if (text[0] == 't' && text.size() == kHeader) {
    entry.tombstone = true;
    return entry;
  }
  if (text[0] == 'v' && text.size() > kHeader && text[kHeader] == ':') {
    entry.value = std::string(text.substr(kHeader + 1));
    return entry;
  }
  return std::nullopt;
}

TokenSource::TokenSource() : instance_(absl::Uniform<uint64_t>(absl::BitGen())) {}

std::string TokenSource::Next() {
  return absl::StrFormat("%016x%016x", instance_, counter_.fetch_add(1) + 1);
}

}  // namespace refnet::cache
