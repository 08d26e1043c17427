// Keyset pagination for List methods: read one row more than the page size to
// learn whether another page follows, and bind tokens to the query.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/common/fingerprint.h"
#include "services/common/page_token.h"
#include "services/common/status.h"
#include "services/common/validation.h"

namespace refnet::rpc {

struct PageRequest {
  std::string fingerprint;
  int64_t after_position = 0;
  int32_t page_size = 0;
  int32_t fetch_limit() const { return page_size + 1; }
};

// `query` must include everything that defines the result set: the method,
// the firm and every filter.
inline absl::StatusOr<PageRequest> StartPage(int32_t page_size, absl::string_view page_token,
                                             std::initializer_list<absl::string_view> query) {
  PageRequest page;
  REFNET_ASSIGN_OR_RETURN(page.page_size, ResolvePageSize(page_size));
  page.fingerprint = Fingerprint(query);
  REFNET_ASSIGN_OR_RETURN(page.after_position, DecodePageToken(page_token, page.fingerprint));
  return page;
}

// Trims the extra row and returns the next page token ("" on the last page).
template <typename T>
std::string FinishPage(std::vector<T>& rows, const PageRequest& page) {
  if (rows.size() <= static_cast<size_t>(page.page_size)) return std::string();
  rows.resize(static_cast<size_t>(page.page_size));
  return EncodePageToken(page.fingerprint, rows.back().position);
}

}  // namespace refnet::rpc
