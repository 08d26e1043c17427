// Asks as the domain sees them. Parties are written "members/{id}" or
// "contacts/{id}" inside a firm, as in the ledger.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/time.h"

namespace refnet::asks {

enum class AskState { kOpen = 1, kFulfilled = 2, kClosed = 3 };

// One time an ask was put to a helper.
struct Route {
  std::string firm_id;
  std::string ask_id;
  std::string helper;  // party key
  absl::Time route_time;
  std::string routed_by;  // member id
  int64_t position = 0;
};

struct Ask {
  std::string firm_id;
  std::string id;
  std::string asker;  // party key
  std::string need;
  std::vector<std::string> tags;
  std::optional<absl::Time> due_time;
  AskState state = AskState::kOpen;
  std::string fulfilled_by;   // party key, once fulfilled
  std::string favour;         // favour id, once fulfilled
  std::vector<Route> routes;  // oldest first
  absl::Time create_time;
  absl::Time update_time;
  int64_t version = 0;
  int64_t position = 0;
};

struct AskFilter {
  std::optional<AskState> state;
  std::string asker;  // party key
  std::string tag;
};

// The strongest way a member knows a contact: directly (one hop) or through
// a contact the member knows and the candidate is connected to (two hops).
struct KnownBy {
  std::string member_id;
  int32_t strength = 0;
  std::string via_contact;  // empty for one hop
};

// What the matching weighs about one candidate helper.
struct CandidateFacts {
  std::string party;  // party key
  std::vector<std::string> tags;
  std::vector<std::string> offers;
  int64_t owes_asker_points = 0;  // > 0: the candidate owes the asker
  int64_t owes_firm_points = 0;   // > 0: a contact that owes the firm
  std::optional<KnownBy> known_by;
  bool taker = false;
  std::string taker_reason;
  int64_t routes_this_week = 0;
};

struct Suggestion {
  std::string party;
  int64_t score = 0;
  std::vector<std::string> reasons;
  bool flagged = false;  // a taker or at its weekly cap: ranked last
};

}  // namespace refnet::asks
