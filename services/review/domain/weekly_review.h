// Builds a member's weekly review: every section in order, each from its own
// function in sections.h.
#pragma once

#include <vector>

#include "absl/status/statusor.h"
#include "services/review/domain/types.h"
#include "services/storage/store.h"

namespace refnet::review {

// Items per section by default, and at most.
inline constexpr int32_t kItemsPerSectionDefault = 10;
inline constexpr int32_t kItemsPerSectionMax = 100;

// The review for `query`, read in `tx` (one consistent snapshot): items
// ordered by section, then as each section ranks them.
absl::StatusOr<std::vector<Item>> BuildWeeklyReview(storage::Tx& tx, const ReviewQuery& query);

}  // namespace refnet::review
