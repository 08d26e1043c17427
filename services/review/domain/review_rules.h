// Pure rules of the weekly review: when follow-ups fall due, when a key
// relationship has gone quiet, when a referral is stuck, how the ledger stood
// at an earlier moment, and how items rank. No I/O.
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "services/ledger/domain/types.h"
#include "services/referrals/domain/types.h"

namespace refnet::review {

// The review's week, and how far back an overdue follow-up is still listed.
inline constexpr absl::Duration kWeek = absl::Hours(24 * 7);

// A follow-up after a meeting: the first, second, … and when it falls due.
struct FollowUp {
  int32_t ordinal = 0;  // 1 for the first
  absl::Time due;
};

// The follow-up to list at `as_of` for a meeting at `met_at`, with follow-ups
// `days` after it (strictly increasing): the earliest due date that is less
// than a week old, when it falls no later than a week after `as_of`.
std::optional<FollowUp> DueFollowUp(absl::Time met_at, const std::vector<int32_t>& days,
                                    absl::Time as_of);

// Meetings earlier than this before `as_of` have no follow-up left to list.
absl::Duration FollowUpLookBack(const std::vector<int32_t>& days);

// Whether a key relationship last touched at `last_touch` (never, when
// unset) has been quiet for longer than `nurture_days` at `as_of`.
bool NeedsNurture(const std::optional<absl::Time>& last_touch, int32_t nurture_days,
                  absl::Time as_of);

// Whether a referral that entered `stage` at `stage_time` is stuck at
// `as_of`: open, and in that stage for longer than `stuck_days` (the rule of
// the referral report).
bool IsStuck(referrals::Stage stage, absl::Time stage_time, int32_t stuck_days, absl::Time as_of);

// A referral's stage at a moment, and when it entered it.
struct StageAt {
  referrals::Stage stage = referrals::Stage::kUnspecified;
  absl::Time since;
};

// The stage at `as_of`: the current one when it was entered by then, else
// the last move of `referral.history` made by then; nullopt when the
// referral had not been offered yet.
std::optional<StageAt> StageAsOf(const referrals::Referral& referral, absl::Time as_of);

// Whether anything in the pair happened after `as_of` (a reversal keeps its
// favour's date, so the last-given times tell).
bool ChangedAfter(const ledger::PairBalance& pair, absl::Time as_of);

// The pair as it stood at `as_of`, replayed from `favours`: every favour of
// the pair, both ways, that happened by then.
ledger::PairBalance ReplayPair(const ledger::PairBalance& pair,
                               const std::vector<ledger::Favour>& favours);

// Where an item ranks in its section: by `order`, then by `name` (a
// resource name), so the same data always ranks the same way.
struct Rank {
  int64_t order = 0;
  std::string name;
  bool operator<(const Rank& other) const {
    return order != other.order ? order < other.order : name < other.name;
  }
};

// Sorts `candidates` (each with a `rank`) and keeps the first `max`.
template <typename Candidate>
void KeepTop(std::vector<Candidate>& candidates, size_t max) {
  std::sort(candidates.begin(), candidates.end(),
            [](const Candidate& a, const Candidate& b) { return a.rank < b.rank; });
  if (candidates.size() > max) candidates.resize(max);
}

// A time as a rank order: earlier first, an absent time before all.
int64_t TimeOrder(const std::optional<absl::Time>& t);

// "first", "second", … "fifth"; "6th" and on beyond.
std::string Ordinal(int32_t n);
// The UTC date, e.g. "2026-11-02".
std::string DayText(absl::Time t);
// Whole days in `d`, rounded down.
int64_t WholeDays(absl::Duration d);
// A stage in words, e.g. "accepted".
std::string StageWord(referrals::Stage stage);

}  // namespace refnet::review
