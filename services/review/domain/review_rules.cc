// The review's pure rules; see review_rules.h.
#include "services/review/domain/review_rules.h"

#include <limits>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "services/ledger/domain/balance_rules.h"
#include "services/referrals/domain/pipeline.h"

namespace refnet::review {
namespace {

constexpr absl::Duration kDay = absl::Hours(24);

}  // namespace

std::optional<FollowUp> DueFollowUp(absl::Time met_at, const std::vector<int32_t>& days,
                                    absl::Time as_of) {
  for (size_t i = 0; i < days.size(); ++i) {
    absl::Time due = met_at + kDay * days[i];
    if (due <= as_of - kWeek) continue;
    if (due > as_of + kWeek) return std::nullopt;
    return FollowUp{static_cast<int32_t>(i + 1), due};
  }
  return std::nullopt;
}

absl::Duration FollowUpLookBack(const std::vector<int32_t>& days) {
  int32_t longest = days.empty() ? 0 : *std::max_element(days.begin(), days.end());
  return kWeek + kDay * longest;
}

bool NeedsNurture(const std::optional<absl::Time>& last_touch, int32_t nurture_days,
                  absl::Time as_of) {
  return !last_touch || as_of - *last_touch > kDay * nurture_days;
}

bool IsStuck(referrals::Stage stage, absl::Time stage_time, int32_t stuck_days, absl::Time as_of) {
  return referrals::IsOpen(stage) && as_of - stage_time > kDay * stuck_days;
}

std::optional<StageAt> StageAsOf(const referrals::Referral& referral, absl::Time as_of) {
  if (referral.stage_time <= as_of) return StageAt{referral.stage, referral.stage_time};
  std::optional<StageAt> at;
  for (const referrals::ReferralMove& move : referral.history) {
    if (move.move_time > as_of) break;
    at = StageAt{move.to, move.move_time};
  }
  return at;
}

bool ChangedAfter(const ledger::PairBalance& pair, absl::Time as_of) {
  return (pair.a_last_given && *pair.a_last_given > as_of) ||
         (pair.b_last_given && *pair.b_last_given > as_of);
}

ledger::PairBalance ReplayPair(const ledger::PairBalance& pair,
                               const std::vector<ledger::Favour>& favours) {
  ledger::PairBalance then;
  then.firm_id = pair.firm_id;
  then.party_a = pair.party_a;
  then.party_b = pair.party_b;
  for (const ledger::Favour& favour : favours) ledger::ApplyToPair(favour, then);
  return then;
}

int64_t TimeOrder(const std::optional<absl::Time>& t) {
  return t ? absl::ToUnixMicros(*t) : std::numeric_limits<int64_t>::min();
}

std::string Ordinal(int32_t n) {
  static const char* const kWords[] = {"first", "second", "third", "fourth", "fifth"};
  if (n >= 1 && n <= 5) return kWords[n - 1];
  return absl::StrCat(n, "th");
}

std::string DayText(absl::Time t) { return absl::FormatTime("%Y-%m-%d", t, absl::UTCTimeZone()); }

int64_t WholeDays(absl::Duration d) { return d / kDay; }

std::string StageWord(referrals::Stage stage) {
  std::string name = referrals::StageName(stage);
  absl::string_view word = name;
  absl::ConsumePrefix(&word, "STAGE_");
  return absl::AsciiStrToLower(word);
}

}  // namespace refnet::review
