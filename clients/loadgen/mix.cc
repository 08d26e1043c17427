// --mix parsing and weighted picking by cumulative sums.
#include "clients/loadgen/mix.h"

#include <algorithm>

#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace refnet::loadgen {
namespace {

absl::Status MixError(absl::string_view message) {
  return absl::InvalidArgumentError(absl::StrCat("--mix: ", message));
}

}  // namespace

absl::StatusOr<std::vector<MixEntry>> ParseMix(absl::string_view text) {
  std::vector<MixEntry> entries;
  bool seen[kMethodCount] = {};
  int64_t total = 0;
  for (absl::string_view part : absl::StrSplit(text, ',')) {
    std::pair<absl::string_view, absl::string_view> kv = absl::StrSplit(part, '=');
    if (part.find('=') == absl::string_view::npos) {
      return MixError(absl::StrCat("expected name=weight, got \"", part, "\""));
    }
    // Health checks are not mixed in: every run measures them on their own.
    absl::StatusOr<Scenario> scenario = ParseScenario(kv.first);
    if (!scenario.ok() || *scenario == Scenario::kMix || *scenario == Scenario::kHealth) {
      return MixError(absl::StrCat("unknown name \"", kv.first,
                                   "\"; expected get-balance, record-favour, list-contacts, "
                                   "create-referral, suggest-helpers, find-intro-paths, "
                                   "suggest-introductions or weekly-review"));
    }
    Method method = ScenarioMethod(*scenario);
    int64_t weight = 0;
    if (!absl::SimpleAtoi(kv.second, &weight) || weight < 0 || weight > kMixWeightMax) {
      return MixError(absl::StrCat("weight of ", kv.first, " must be a whole number from 0 to ",
                                   kMixWeightMax, ", got \"", kv.second, "\""));
    }
    if (seen[static_cast<int>(method)]) {
      return MixError(absl::StrCat(kv.first, " appears more than once"));
    }
    seen[static_cast<int>(method)] = true;
    total += weight;
    if (weight > 0) entries.push_back({method, weight});
  }
  if (total == 0) return MixError("at least one weight must be positive");
  return entries;
}

MixPicker::MixPicker(std::vector<MixEntry> entries) : entries_(std::move(entries)) {
  int64_t sum = 0;
  for (const MixEntry& entry : entries_) {
    sum += entry.weight;
    cumulative_.push_back(sum);
  }
}

Method MixPicker::Pick(uint64_t random) const {
  uint64_t point = random % static_cast<uint64_t>(cumulative_.back());
  auto it = std::upper_bound(cumulative_.begin(), cumulative_.end(), static_cast<int64_t>(point));
  return entries_[static_cast<size_t>(it - cumulative_.begin())].method;
}

}  // namespace refnet::loadgen
