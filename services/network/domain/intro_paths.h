// Warm-introduction paths: from a member, optionally through a colleague,
// into the network through a relationship, then along connections to the
// target. Scored strength × recency × reciprocity: every introducer on the
// way (each contact before the target, and the colleague) weighs more when
// it owes the firm, less when the firm has leaned on it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "services/network/domain/types.h"
#include "services/storage/store.h"

namespace refnet::network {

// A connection says less than a relationship with a known strength.
inline constexpr double kConnectionFactor = 0.6;
// A colleague is asked, not introduced.
inline constexpr double kColleagueFactor = 0.9;
// Reciprocity moves a factor at most this far up, and at most down to
// kLeanedOnFloor: owing 100 points gives the whole bonus, being owed 200 the
// whole penalty.
inline constexpr double kOwesBonusMax = 0.25;
inline constexpr int64_t kOwesBonusPoints = 100;
inline constexpr double kLeanedOnFloor = 0.5;
inline constexpr int64_t kLeanedOnPoints = 200;

// strength/5 × recency: full within 30 days of the last touch, then
// 1 / (1 + days past 30 / 180), never below 0.25 (also when never touched).
double TieFactor(int32_t strength, const std::optional<absl::Time>& last_touch, absl::Time as_of);

// 1 when `owes_points` is 0; above 1 when the party owes (positive), below
// when it is owed.
double ReciprocityFactor(int64_t owes_points);

struct PathQuery {
  std::string firm_id;
  std::string from_member_id;
  std::vector<std::string> target_contact_ids;
  int32_t max_hops = 4;
  int32_t max_paths = 5;
  absl::Time as_of;
};

inline constexpr int32_t kMaxHops = 4;
inline constexpr int32_t kMaxPaths = 20;

struct PathSearchResult {
  std::vector<IntroPath> paths;
  // The walk stopped at its bound on reads before it had looked everywhere;
  // longer paths may exist.
  bool truncated = false;
};

// The best paths, best first; ties go to fewer hops, then to names. Reasons
// are in words; parties are "members/{id}" or "contacts/{id}".
absl::StatusOr<PathSearchResult> FindIntroPaths(storage::Tx& tx, const PathQuery& query);

}  // namespace refnet::network
