// Firms and members as the domain sees them.
#pragma once

#include <cstdint>
#include <string>

#include "absl/time/time.h"

namespace refnet::admin {

struct Firm {
  std::string id;
  std::string display_name;
  absl::Time create_time;
  absl::Time update_time;
  int64_t version = 0;   // rises on every change; the etag is derived from it
  int64_t position = 0;  // store-assigned insertion order, for keyset pages
};

// A member's role within its firm.
enum class MemberRole { kAdmin = 1, kMember = 2, kService = 3 };

struct Member {
  std::string firm_id;
  std::string id;
  std::string display_name;
  std::string email;
  MemberRole role = MemberRole::kMember;
  bool active = true;
  absl::Time create_time;
  absl::Time update_time;
  int64_t version = 0;
  int64_t position = 0;
};

}  // namespace refnet::admin
