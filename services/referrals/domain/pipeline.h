// The referral pipeline's rules and its report: pure functions, no I/O.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "services/admin/domain/settings.h"
#include "services/referrals/domain/types.h"

namespace refnet::referrals {

// The API's name of a stage, e.g. "STAGE_OFFERED".
std::string StageName(Stage stage);
// Offered, accepted, contacted and meeting are open; the rest are closed.
bool IsOpen(Stage stage);
// OK for a move the pipeline allows; FAILED_PRECONDITION naming both stages
// otherwise.
absl::Status CheckMove(Stage from, Stage to);
// Points of the referral favour an offer of `warmth` (1..5) records: the
// firm's referral value scaled by its warmth percent, at least 1.
int64_t OfferValue(const admin::FirmSettings& settings, int32_t warmth);

// Who is reading: amounts of a confidential referral are shown only to its
// two parties and to admins.
struct Viewer {
  bool admin = false;
  std::string party;  // "members/{id}" of the caller, empty for tools
};
bool MaySeeAmounts(const Referral& referral, const Viewer& viewer);

// Adds `b` to `a`; both in the same currency.
Money AddMoney(const Money& a, const Money& b);

struct StageTime {
  Stage stage = Stage::kUnspecified;
  int32_t count = 0;
  absl::Duration median;
};

struct ReferrerCredit {
  std::string referrer;
  int32_t won_count = 0;
  std::vector<Money> closed_value;  // one per currency, by currency code
  int32_t withheld_count = 0;
};

struct StuckReferral {
  std::string id;
  Stage stage = Stage::kUnspecified;
  absl::Time stage_time;
  int32_t days = 0;
};

struct Report {
  std::string party;
  int32_t given_count = 0;
  int32_t received_count = 0;
  int32_t won_count = 0;
  int32_t lost_count = 0;
  int32_t declined_count = 0;
  int32_t withdrawn_count = 0;
  int32_t open_count = 0;
  double conversion_rate = 0;
  std::vector<ReferrerCredit> credits;
  std::vector<StageTime> stage_times;
  std::vector<StuckReferral> stuck;
  int32_t stuck_after_days = 0;
};

// The report over `referrals` (each with its history) for `party`, or the
// whole firm when it is empty, as `viewer` may see it at `now`.
Report BuildReport(const std::vector<Referral>& referrals, const std::string& party,
                   const Viewer& viewer, absl::Time now, const admin::FirmSettings& settings);

}  // namespace refnet::referrals
