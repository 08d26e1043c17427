// Page tokens are web-safe base64 of "v1.<query fingerprint prefix>.<position>".
#include "services/common/page_token.h"

#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "services/common/status.h"

namespace refnet {
namespace {

constexpr size_t kFingerprintPrefixLength = 16;

absl::string_view Prefix(absl::string_view fingerprint) {
  return fingerprint.substr(0, kFingerprintPrefixLength);
}

}  // namespace

std::string EncodePageToken(absl::string_view query_fingerprint, int64_t after_position) {
  return absl::WebSafeBase64Escape(
      absl::StrCat("v1.", Prefix(query_fingerprint), ".", after_position));
}

absl::StatusOr<int64_t> DecodePageToken(absl::string_view token,
                                        absl::string_view query_fingerprint) {
  if (token.empty()) return 0;
  std::string raw;
  if (token.size() > 256 || !absl::WebSafeBase64Unescape(token, &raw)) {
    return FieldError("page_token", "is malformed");
  }
  std::vector<absl::string_view> parts = absl::StrSplit(raw, '.');
  int64_t position = 0;
  if (parts.size() != 3 || parts[0] != "v1" || !absl::SimpleAtoi(parts[2], &position) ||
      position <= 0) {
    return FieldError("page_token", "is malformed");
  }
  if (parts[1] != Prefix(query_fingerprint)) {
    return FieldError("page_token", "was issued for a different query; start again without it");
  }
  return position;
}

std::string EncodePageCursor(absl::string_view query_fingerprint, absl::string_view cursor) {
  return absl::WebSafeBase64Escape(absl::StrCat("c1.", Prefix(query_fingerprint), ".", cursor));
}

absl::StatusOr<std::string> DecodePageCursor(absl::string_view token,
                                             absl::string_view query_fingerprint) {
  if (token.empty()) return std::string();
  std::string raw;
  if (token.size() > 512 || !absl::WebSafeBase64Unescape(token, &raw)) {
    return FieldError("page_token", "is malformed");
  }
  std::vector<absl::string_view> parts = absl::StrSplit(raw, absl::MaxSplits('.', 2));
  if (parts.size() != 3 || parts[0] != "c1" || parts[2].empty()) {
    return FieldError("page_token", "is malformed");
  }
  if (parts[1] != Prefix(query_fingerprint)) {
    return FieldError("page_token", "was issued for a different query; start again without it");
  }
  return std::string(parts[2]);
}

}  // namespace refnet
