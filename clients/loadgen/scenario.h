// The scenarios `run` knows and the RPC methods they call, with the names
// operators type (`get-balance`) and the names reports print (`GetBalance`).
#pragma once

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace refnet::loadgen {

// One RPC method the load generator can call in `run`.
enum class Method : int {
  kHealthCheck = 0,
  kGetBalance = 1,
  kRecordFavour = 2,
  kListContacts = 3,
  kCreateReferral = 4,
  kSuggestHelpers = 5,
  kFindIntroPaths = 6,
  kSuggestIntroductions = 7,
  kGetWeeklyReview = 8,
};
inline constexpr int kMethodCount = 9;

enum class Scenario {
  kHealth,
  kGetBalance,
  kRecordFavour,
  kListContacts,
  kCreateReferral,
  kSuggestHelpers,
  kFindIntroPaths,
  kSuggestIntroductions,
  kWeeklyReview,
  kMix,  // a weighted mix of the others, from --mix
};

// `health`, `get-balance`, `record-favour`, `list-contacts`,
// `create-referral`, `suggest-helpers`, `find-intro-paths`,
// `suggest-introductions`, `weekly-review` or `mix`.
absl::StatusOr<Scenario> ParseScenario(absl::string_view name);
absl::string_view ScenarioName(Scenario scenario);

// The single method of a scenario other than kMix.
Method ScenarioMethod(Scenario scenario);
// The method's short name as it appears in reports: `Check`, `GetBalance`...
absl::string_view MethodName(Method method);
// The scenario name that calls only `method`, as --mix spells it.
absl::string_view MethodScenarioName(Method method);

}  // namespace refnet::loadgen
