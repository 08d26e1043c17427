// The calls of `run`: health checks, balances, favours and referrals on the
// hot set, contact pages, helper suggestions for the run's asks,
// introduction paths and suggestions for m0, and m0's weekly review, picked
// per call from a weighted mix.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "clients/loadgen/mix.h"
#include "clients/loadgen/synthetic_firm.h"
#include "clients/loadgen/workload.h"

namespace refnet::loadgen {

class ScenarioWorkload final : public Workload {
 public:
  // A single-method scenario is a mix of one entry.
  // `asks` are ask names for SuggestHelpers; empty when the mix has none.
  // `intro_targets` are where FindIntroPaths and SuggestIntroductions look;
  // its member is also whose weekly review GetWeeklyReview reads.
  // `favour_note` is the note every recorded favour carries.
  ScenarioWorkload(absl::string_view firm, const std::vector<HotPair>& hot_set,
                   std::vector<MixEntry> mix, std::vector<std::string> asks = {},
                   IntroTargets intro_targets = {}, std::string favour_note = "");

  // Indexed by Method.
  std::vector<std::string> MethodNames() const override;
  std::unique_ptr<Call> MakeCall(int64_t index, SplitMix64& rng,
                                 const ChannelStubs& stubs) const override;

 private:
  std::unique_ptr<Call> HealthCheck(const ChannelStubs& stubs) const;
  std::unique_ptr<Call> GetBalance(SplitMix64& rng, const ChannelStubs& stubs) const;
  std::unique_ptr<Call> RecordFavour(SplitMix64& rng, const ChannelStubs& stubs) const;
  std::unique_ptr<Call> ListContacts(const ChannelStubs& stubs) const;
  std::unique_ptr<Call> CreateReferral(SplitMix64& rng, const ChannelStubs& stubs) const;
  std::unique_ptr<Call> SuggestHelpers(SplitMix64& rng, const ChannelStubs& stubs) const;
  std::unique_ptr<Call> FindIntroPaths(int64_t index, const ChannelStubs& stubs) const;
  std::unique_ptr<Call> SuggestIntroductions(const ChannelStubs& stubs) const;
  std::unique_ptr<Call> GetWeeklyReview(const ChannelStubs& stubs) const;

  std::string firm_name_;
  const std::vector<HotPair>& hot_set_;  // owned by the caller, outlives the workload
  MixPicker picker_;
  std::vector<std::string> asks_;
  IntroTargets intro_targets_;
  std::string favour_note_;
};

}  // namespace refnet::loadgen
