// The network as the paths, introductions, loops and netting see it. Parties
// are written as the ledger writes them: "members/{id}" or "contacts/{id}".
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/time.h"

namespace refnet::network {

// A member knows a contact.
struct Tie {
  std::string member_id;
  std::string contact_id;
  int32_t strength = 0;
  std::optional<absl::Time> last_touch;
};

// What paths and introductions need to know about a contact.
struct ContactBrief {
  std::string id;
  std::string display_name;
  std::string organization;
  std::vector<std::string> offers;
  std::vector<std::string> needs;
  bool live = true;  // neither archived nor merged away
};

// Points one party gave another, summed over their favours.
struct GivenEdge {
  std::string receiver;
  int64_t points = 0;
};

enum class HopKind { kRelationship = 1, kConnection = 2, kColleague = 3 };

struct Hop {
  std::string from;  // party
  std::string to;    // party
  HopKind kind = HopKind::kRelationship;
  std::string connection_id;  // for connections
  int32_t strength = 0;       // for relationships
  std::optional<absl::Time> last_touch;
  int64_t balance_points = 0;
  double factor = 1;
  std::string reason;
};

struct IntroPath {
  std::vector<Hop> hops;
  double score = 0;
  std::string target;  // contact party
};

struct Introduction {
  std::string offering;    // contact party
  std::string needing;     // contact party
  std::string introducer;  // member party
  std::vector<std::string> shared_words;
  int64_t score = 0;
  std::string reason;
};

// firm → parties… → firm; `parties` holds only the contacts in between.
struct Loop {
  std::vector<std::string> parties;
  std::vector<int64_t> step_points;  // parties.size() + 1 steps
  int64_t credit_points = 0;
};

struct Move {
  std::string from;  // party, or "" for the firm's members together
  std::string to;
  int64_t points = 0;
};

struct ExposedContact {
  std::string contact_id;
  int64_t owed_points = 0;
};

struct MemberExposure {
  std::string member_id;
  int64_t owed_points = 0;
  std::vector<ExposedContact> contacts;  // largest first, all of them
};

}  // namespace refnet::network
