// What the referrals pipeline needs from a store.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "services/referrals/domain/types.h"

namespace refnet::referrals {

class ReferralRepository {
 public:
  virtual ~ReferralRepository() = default;

  // NOT_FOUND when absent. `history` is filled.
  virtual absl::StatusOr<Referral> GetReferral(absl::string_view firm_id,
                                               absl::string_view id) = 0;
  // Sets `position`. The history is written with AppendMove.
  virtual absl::Status InsertReferral(Referral& referral) = 0;
  // Replaces the mutable columns (stage, closed value, favours, times, version).
  virtual absl::Status UpdateReferral(const Referral& referral) = 0;
  virtual absl::Status AppendMove(const Referral& referral, const ReferralMove& move) = 0;
  // In position order after `after_position`, at most `limit`, without history.
  virtual absl::StatusOr<std::vector<Referral>> ListReferrals(absl::string_view firm_id,
                                                              const ReferralFilter& filter,
                                                              int64_t after_position,
                                                              int32_t limit) = 0;
  // Referrals offered in [start, end) that `party` gave or received (every
  // one when `party` is empty), with history, at most `limit`.
  virtual absl::StatusOr<std::vector<Referral>> ReferralsOfferedBetween(
      absl::string_view firm_id, absl::string_view party, std::optional<absl::Time> start,
      std::optional<absl::Time> end, size_t limit) = 0;
  // After a contact merge: `from` becomes `to` as referrer, recipient and prospect.
  virtual absl::Status ReassignParty(absl::string_view firm_id, absl::string_view from_party,
                                     absl::string_view to_party) = 0;
};

}  // namespace refnet::referrals
