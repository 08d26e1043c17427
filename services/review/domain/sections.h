// The sections of the weekly review. Each is one function that reads what it
// needs through the context's transaction and returns its items, ranked and
// trimmed to the query's per-section maximum.
#pragma once

#include <vector>

#include "absl/status/statusor.h"
#include "services/review/domain/review_context.h"
#include "services/review/domain/types.h"

namespace refnet::review {

using SectionBuilder = absl::StatusOr<std::vector<Item>> (*)(ReviewContext& context);

// Parties the member owes, oldest debt first (ledger_sections.cc).
absl::StatusOr<std::vector<Item>> Reciprocate(ReviewContext& context);
// Relationships where the member gives with nothing back (ledger_sections.cc).
absl::StatusOr<std::vector<Item>> OneWayGiving(ReviewContext& context);
// Follow-ups due after meetings and events (contact_sections.cc).
absl::StatusOr<std::vector<Item>> FollowUps(ReviewContext& context);
// Key relationships gone quiet (contact_sections.cc).
absl::StatusOr<std::vector<Item>> Nurture(ReviewContext& context);
// Pairs of the member's contacts to introduce (introduction_section.cc).
absl::StatusOr<std::vector<Item>> Introductions(ReviewContext& context);
// Others' open asks a contact of the member can help with (ask_section.cc).
absl::StatusOr<std::vector<Item>> HelpAsks(ReviewContext& context);
// The member's referrals stuck in a stage (referral_section.cc).
absl::StatusOr<std::vector<Item>> StuckReferrals(ReviewContext& context);

}  // namespace refnet::review
