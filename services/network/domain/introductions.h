// Introductions worth making: one contact offers what another needs. Words
// are compared as the ask matching compares them (MatchWords).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/network/domain/types.h"
#include "services/storage/store.h"

namespace refnet::network {

inline constexpr int32_t kIntroductionsDefault = 10;
inline constexpr int32_t kIntroductionsMax = 100;

// Pairs among the contacts `member_id` knows (the member introduces), or
// among all of the firm's when it is empty (the member who knows both best
// introduces; pairs no one knows both of are left out). Pairs already
// connected, or introduced by a favour not voided, are left out. Best first: shared words × the
// introducer's strengths with both, then names.
absl::StatusOr<std::vector<Introduction>> SuggestIntroductions(storage::Tx& tx,
                                                               const std::string& firm_id,
                                                               const std::string& member_id,
                                                               int32_t limit);

}  // namespace refnet::network
