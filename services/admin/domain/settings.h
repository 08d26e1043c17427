// A firm's settings: favour values, reciprocity thresholds and caps. Every
// field has a default, so a firm that never changed them still has settings.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/time/time.h"

namespace refnet::admin {

// Favour kinds are numbered 1..kFavourKindCount (refnet.v1.FavourKind).
inline constexpr int kFavourKindCount = 9;
// Follow-ups scheduled after one meeting, at most.
inline constexpr int kFollowUpsMax = 5;

struct FirmSettings {
  std::string firm_id;
  // Default points per favour kind, indexed by kind - 1: introduction, lead,
  // referral, closed business, information, invitation, feedback, advice, other.
  std::array<int64_t, kFavourKindCount> favour_values = {30, 20, 40, 100, 5, 10, 10, 15, 5};
  int64_t balanced_band_points = 20;
  int32_t one_way_min_count = 3;
  int32_t dormant_days = 180;
  double taker_ratio = 3.0;
  int32_t taker_min_count = 5;
  // The taker flag weighs only the party's most recent favours, this many.
  int32_t taker_window_favours = 50;
  int32_t key_relationships_max = 10;
  // Percent of the referral kind's value that offering a referral of warmth
  // 1..5 records, indexed by warmth - 1.
  std::array<int32_t, 5> referral_warmth_percents = {20, 40, 60, 80, 100};
  // Days in one stage before an open referral counts as stuck.
  int32_t referral_stuck_days = 14;
  // Asks routed to one helper per week, at most.
  int32_t ask_weekly_cap = 3;
  // Open asks allowed with nothing given, and the points given that earn each
  // further one.
  int32_t ask_budget_base = 2;
  int64_t ask_budget_points_per_ask = 100;
  // Days after a meeting or an event with a contact that each follow-up falls
  // due: 1 to kFollowUpsMax entries, strictly increasing.
  std::vector<int32_t> follow_up_days = {1, 7};
  // A key relationship with no touch for longer than this needs nurturing.
  int32_t nurture_days = 30;
  // Whether SuggestNetting nets the firm's balances; when off it keeps the
  // raw pair balances.
  bool netting_enabled = true;
  // Calls per second the firm may make on each replica, and the burst it may
  // make at once; 0 follows the server's --firm-rate-limit-rps and
  // --firm-rate-burst. Set by platform admins only.
  int32_t rate_limit_rps = 0;
  int32_t rate_burst = 0;
  int64_t version = 0;  // 0: never stored, the defaults apply
  absl::Time update_time = absl::UnixEpoch();

  int64_t DefaultValue(int kind) const { return favour_values[static_cast<size_t>(kind - 1)]; }
  // Open asks a party that has given `given_points` may hold.
  int64_t AskBudget(int64_t given_points) const {
    return ask_budget_base + (given_points > 0 ? given_points / ask_budget_points_per_ask : 0);
  }
};

}  // namespace refnet::admin
