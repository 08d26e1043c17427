// The weekly review as the domain sees it: sections, items and the question
// a review answers.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "services/admin/domain/settings.h"

namespace refnet::review {

// Numbered as refnet.v1.Section; a review lists its sections in this order.
enum class Section {
  kReciprocate = 1,
  kFollowUp = 2,
  kNurture = 3,
  kIntroduce = 4,
  kHelpAsk = 5,
  kStuckReferral = 6,
  kOneWay = 7,
};

// One thing to do. Names are full resource names.
struct Item {
  Section section = Section::kReciprocate;
  std::string reason;
  std::vector<std::string> resources;  // the item's main record first
  int64_t points = 0;
  std::optional<absl::Time> since;
  std::string party;
  std::optional<absl::Time> due;
};

// Whose review, at which moment, how long, under which settings.
struct ReviewQuery {
  std::string firm_id;
  std::string member_id;
  absl::Time as_of;
  int32_t items_per_section_max = 10;
  admin::FirmSettings settings;
  // The member as a ledger party: "members/{id}".
  std::string party() const { return "members/" + member_id; }
};

}  // namespace refnet::review
