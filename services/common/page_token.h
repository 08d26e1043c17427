// Opaque keyset page tokens. A token carries the position after which the next
// page starts and a fingerprint of the query (firm, method, filters) that made
// it, so a token replayed against another query or firm is refused.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace refnet {

std::string EncodePageToken(absl::string_view query_fingerprint, int64_t after_position);

// Returns the position to resume after; 0 for an empty token. A token that is
// malformed or was made for another query is INVALID_ARGUMENT on `page_token`.
absl::StatusOr<int64_t> DecodePageToken(absl::string_view token,
                                        absl::string_view query_fingerprint);

// The same for cursors that are not a single position (e.g. a rank and a
// name): the cursor text is opaque to the token. "" for an empty token.
std::string EncodePageCursor(absl::string_view query_fingerprint, absl::string_view cursor);
absl::StatusOr<std::string> DecodePageCursor(absl::string_view token,
                                             absl::string_view query_fingerprint);

}  // namespace refnet
