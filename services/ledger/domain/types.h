// Favours, balances and settings as the ledger domain sees them. A party is
// written "members/{id}" or "contacts/{id}" inside a firm.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/time/time.h"
#include "services/admin/domain/settings.h"

namespace refnet::ledger {

enum class FavourKind {
  kIntroduction = 1,
  kLead = 2,
  kReferral = 3,
  kClosedBusiness = 4,
  kInformation = 5,
  kInvitation = 6,
  kFeedback = 7,
  kAdvice = 8,
  kOther = 9,
};

struct Favour {
  std::string firm_id;
  std::string id;
  std::string giver;     // party key
  std::string receiver;  // party key
  FavourKind kind = FavourKind::kOther;
  int64_t value_points = 0;  // negative for reversal entries
  absl::Time occurred_at;
  std::string note;
  std::string referral;
  std::string ask;
  std::string introduced_party;
  std::string voids;      // id of the favour a reversal voids
  std::string voided_by;  // id of the reversal that voided this favour (read side)
  std::string void_reason;
  std::string recorded_by;  // member id
  absl::Time create_time;
  int64_t position = 0;
  bool is_reversal() const { return !voids.empty(); }
};

// A pair's materialized balance. Parties are stored in order: a < b.
struct PairBalance {
  std::string firm_id;
  std::string party_a;
  std::string party_b;
  int64_t a_given_points = 0;
  int64_t b_given_points = 0;
  int64_t a_given_count = 0;
  int64_t b_given_count = 0;
  std::optional<absl::Time> a_last_given;
  std::optional<absl::Time> b_last_given;
  int64_t version = 0;  // 0: never stored
};

// A pair's balance told from one party's side.
struct Balance {
  std::string party;
  std::string counterparty;
  int64_t given_points = 0;
  int64_t received_points = 0;
  int64_t given_count = 0;
  int64_t received_count = 0;
  std::optional<absl::Time> last_given;
  std::optional<absl::Time> last_received;
  int64_t version = 0;
  int64_t net_points() const { return given_points - received_points; }
};

// Everything one party gave and received, across the network.
struct PartyTotals {
  std::string firm_id;
  std::string party;
  int64_t given_points = 0;
  int64_t received_points = 0;
  int64_t given_count = 0;
  int64_t received_count = 0;
  int64_t version = 0;
};

// Everything a party's standing is assessed from. It changes only together
// with the party's totals, so it carries their version.
struct StandingFacts {
  PartyTotals totals;
  // The same sums over only the party's most recent live favours (the firm's
  // taker window), which the taker flag weighs.
  PartyTotals recent;
  int32_t window_favours = 0;  // the window's size when it was read
  // For a contact: what it owes the firm, all members' favours netted.
  int64_t firm_balance_points = 0;
  // The party's pairs from its side, largest |net| first, at most
  // kStandingRelationshipsMax.
  std::vector<Balance> relationships;
};
inline constexpr size_t kStandingRelationshipsMax = 100;

// The firm's contacts ranked by firm-wide balance, at most kTopBalancesMax
// each way, with the firm's balance version they were read at.
struct TopBalances {
  std::vector<std::pair<std::string, int64_t>> debtors;    // owe the firm most first
  std::vector<std::pair<std::string, int64_t>> creditors;  // the firm owes most first
  int64_t version = 0;
};
inline constexpr int32_t kTopBalancesMax = 100;

enum class Health { kBalanced = 1, kYouOwe, kTheyOwe, kOneWayGiving, kOneWayTaking, kDormant };

using admin::FirmSettings;

struct FavourFilter {
  std::string party;
  std::string counterparty;
  std::optional<FavourKind> kind;
  std::optional<absl::Time> start_time;
  std::optional<absl::Time> end_time;
};

}  // namespace refnet::ledger
