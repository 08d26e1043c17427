// Pipeline moves, offer values and the referral report.
#include "services/referrals/domain/pipeline.h"

#include <algorithm>
#include <map>

#include "absl/strings/str_cat.h"
#include "services/ledger/domain/types.h"

namespace refnet::referrals {
namespace {

constexpr int32_t kNanosPerUnit = 1000000000;

absl::Duration Median(std::vector<absl::Duration> values) {
  std::sort(values.begin(), values.end());
  size_t n = values.size();
  if (n % 2 == 1) return values[n / 2];
  return (values[n / 2 - 1] + values[n / 2]) / 2;
}

}  // namespace

std::string StageName(Stage stage) {
  switch (stage) {
    case Stage::kOffered:
      return "STAGE_OFFERED";
    case Stage::kAccepted:
      return "STAGE_ACCEPTED";
    case Stage::kContacted:
      return "STAGE_CONTACTED";
    case Stage::kMeeting:
      return "STAGE_MEETING";
    case Stage::kWon:
      return "STAGE_WON";
    case Stage::kLost:
      return "STAGE_LOST";
    case Stage::kDeclined:
      return "STAGE_DECLINED";
    case Stage::kWithdrawn:
      return "STAGE_WITHDRAWN";
    case Stage::kUnspecified:
      break;
  }
  return "STAGE_UNSPECIFIED";
}

bool IsOpen(Stage stage) {
  return stage == Stage::kOffered || stage == Stage::kAccepted || stage == Stage::kContacted ||
         stage == Stage::kMeeting;
}

absl::Status CheckMove(Stage from, Stage to) {
  bool allowed = false;
  switch (to) {
    case Stage::kAccepted:
    case Stage::kDeclined:
      allowed = from == Stage::kOffered;
      break;
    case Stage::kContacted:
      allowed = from == Stage::kAccepted;
      break;
    case Stage::kMeeting:
      allowed = from == Stage::kContacted;
      break;
    case Stage::kWon:
    case Stage::kLost:
      allowed = from == Stage::kMeeting;
      break;
    case Stage::kWithdrawn:
      allowed = IsOpen(from);
      break;
    case Stage::kOffered:
    case Stage::kUnspecified:
      break;
  }
  if (allowed) return absl::OkStatus();
  return absl::FailedPreconditionError(absl::StrCat(
      "stage: a referral in ", StageName(from), " cannot move to ", StageName(to),
      IsOpen(from) ? "" : " (it is closed)"));
}

int64_t OfferValue(const admin::FirmSettings& settings, int32_t warmth) {
  int64_t base = settings.DefaultValue(static_cast<int>(ledger::FavourKind::kReferral));
  int64_t percent = settings.referral_warmth_percents[static_cast<size_t>(warmth - 1)];
  return std::max<int64_t>(1, base * percent / 100);
}

bool MaySeeAmounts(const Referral& referral, const Viewer& viewer) {
  return !referral.confidential || viewer.admin ||
         (!viewer.party.empty() &&
          (viewer.party == referral.referrer || viewer.party == referral.recipient));
}

Money AddMoney(const Money& a, const Money& b) {
  Money sum;
  sum.currency_code = a.empty() ? b.currency_code : a.currency_code;
  int64_t nanos = int64_t{a.nanos} + b.nanos;
  sum.units = a.units + b.units + nanos / kNanosPerUnit;
  nanos %= kNanosPerUnit;
  // Units and nanos share a sign.
  if (sum.units > 0 && nanos < 0) {
    --sum.units;
    nanos += kNanosPerUnit;
  } else if (sum.units < 0 && nanos > 0) {
    ++sum.units;
    nanos -= kNanosPerUnit;
  }
  sum.nanos = static_cast<int32_t>(nanos);
  return sum;
}

Report BuildReport(const std::vector<Referral>& referrals, const std::string& party,
                   const Viewer& viewer, absl::Time now, const admin::FirmSettings& settings) {
  Report report;
  report.party = party;
  report.stuck_after_days = settings.referral_stuck_days;
  std::map<std::string, ReferrerCredit> credits;
  std::map<std::string, std::map<std::string, Money>> credit_sums;
  std::map<Stage, std::vector<absl::Duration>> stage_durations;
  absl::Duration stuck_after = absl::Hours(24) * settings.referral_stuck_days;
  for (const Referral& r : referrals) {
    bool given = party.empty() || r.referrer == party;
    bool received = party.empty() || r.recipient == party;
    if (given) {
      ++report.given_count;
      switch (r.stage) {
        case Stage::kWon:
          ++report.won_count;
          break;
        case Stage::kLost:
          ++report.lost_count;
          break;
        case Stage::kDeclined:
          ++report.declined_count;
          break;
        case Stage::kWithdrawn:
          ++report.withdrawn_count;
          break;
        default:
          ++report.open_count;
      }
    }
    if (received) ++report.received_count;
    if (r.stage == Stage::kWon) {
      ReferrerCredit& credit = credits[r.referrer];
      credit.referrer = r.referrer;
      ++credit.won_count;
      if (!MaySeeAmounts(r, viewer)) {
        ++credit.withheld_count;
      } else if (!r.closed_value.empty()) {
        Money& sum = credit_sums[r.referrer][r.closed_value.currency_code];
        sum = AddMoney(sum, r.closed_value);
      }
    }
    for (size_t i = 0; i + 1 < r.history.size(); ++i) {
      stage_durations[r.history[i].to].push_back(r.history[i + 1].move_time -
                                                 r.history[i].move_time);
    }
    if (IsOpen(r.stage) && now - r.stage_time > stuck_after) {
      int64_t days = (now - r.stage_time) / absl::Hours(24);
      report.stuck.push_back(StuckReferral{r.id, r.stage, r.stage_time, static_cast<int32_t>(days)});
    }
  }
  if (report.given_count > 0) {
    report.conversion_rate = static_cast<double>(report.won_count) / report.given_count;
  }
  for (auto& [referrer, credit] : credits) {
    for (auto& [currency, sum] : credit_sums[referrer]) credit.closed_value.push_back(sum);
    report.credits.push_back(std::move(credit));
  }
  std::stable_sort(report.credits.begin(), report.credits.end(),
                   [](const ReferrerCredit& a, const ReferrerCredit& b) {
                     return a.won_count > b.won_count;
                   });
  for (auto& [stage, durations] : stage_durations) {
    report.stage_times.push_back(
        StageTime{stage, static_cast<int32_t>(durations.size()), Median(durations)});
  }
  std::sort(report.stuck.begin(), report.stuck.end(),
            [](const StuckReferral& a, const StuckReferral& b) {
              return a.stage_time != b.stage_time ? a.stage_time < b.stage_time : a.id < b.id;
            });
  return report;
}

}  // namespace refnet::referrals
