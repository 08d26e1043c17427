// Contacts and the relationship graph as the domain sees them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/time.h"

namespace refnet::contacts {

struct Contact {
  std::string firm_id;
  std::string id;
  std::string display_name;
  std::string organization;
  std::string title;
  std::vector<std::string> emails;
  std::vector<std::string> phones;
  std::vector<std::string> tags;
  std::vector<std::string> offers;
  std::vector<std::string> needs;
  std::string notes;
  std::string source;
  absl::Time create_time;
  absl::Time update_time;
  bool archived = false;
  std::string merged_into;  // id of the survivor once merged; empty otherwise
  int64_t version = 0;
  int64_t position = 0;
};

struct Relationship {
  std::string firm_id;
  std::string member_id;
  std::string contact_id;
  int32_t strength = 0;
  std::string how_met;
  std::string met_through;  // contact id, or empty
  bool key = false;
  std::optional<absl::Time> last_touch_time;
  absl::Time create_time;
  absl::Time update_time;
  int64_t position = 0;
};

enum class InteractionKind { kMeeting = 1, kCall = 2, kEmail = 3, kEvent = 4, kMessage = 5 };

struct Interaction {
  std::string firm_id;
  std::string id;
  std::string member_id;
  std::string contact_id;
  InteractionKind kind = InteractionKind::kMeeting;
  absl::Time occurred_at;
  std::string event_name;
  std::string note;
  absl::Time create_time;
  int64_t position = 0;
};

// Undirected: stored with contact_id < other_id.
struct Connection {
  std::string firm_id;
  std::string id;
  std::string contact_id;
  std::string other_id;
  std::string note;
  absl::Time create_time;
  int64_t position = 0;
};

struct ContactFilter {
  std::string tag;
  std::string organization;
  std::string known_by_member_id;
  std::string query;
  bool include_archived = false;
};

struct RelationshipFilter {
  std::string member_id;
  std::string contact_id;
  bool key_only = false;
};

}  // namespace refnet::contacts
