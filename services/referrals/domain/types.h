// Referrals as the pipeline sees them. Parties are written "members/{id}" or
// "contacts/{id}" inside a firm, as in the ledger.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "absl/time/time.h"

namespace refnet::referrals {

// Numbered as refnet.v1.Stage.
enum class Stage {
  kUnspecified = 0,
  kOffered = 1,
  kAccepted = 2,
  kContacted = 3,
  kMeeting = 4,
  kWon = 5,
  kLost = 6,
  kDeclined = 7,
  kWithdrawn = 8,
};
inline constexpr int kStageCount = 8;

// An amount in the google.type.Money shape; an empty currency is no amount.
struct Money {
  std::string currency_code;
  int64_t units = 0;
  int32_t nanos = 0;
  bool empty() const { return currency_code.empty(); }
};

struct ReferralMove {
  Stage from = Stage::kUnspecified;
  Stage to = Stage::kUnspecified;
  std::string moved_by;  // member id
  absl::Time move_time;
  std::string note;
};

struct Referral {
  std::string firm_id;
  std::string id;
  std::string referrer;   // party key
  std::string recipient;  // party key
  std::string prospect_contact;      // contact id, or empty
  std::string prospect_description;  // or a description
  std::string need;
  int32_t warmth = 0;
  Money estimated_value;
  bool confidential = false;
  Stage stage = Stage::kOffered;
  Money closed_value;
  std::string offer_favour;   // favour id
  std::string closed_favour;  // favour id
  absl::Time offer_time;
  absl::Time stage_time;
  std::string created_by;  // member id
  absl::Time create_time;
  absl::Time update_time;
  int64_t version = 0;
  int64_t position = 0;
  std::vector<ReferralMove> history;  // oldest first; filled on reads that ask for it
};

struct ReferralFilter {
  std::string referrer;
  std::string recipient;
  std::string prospect_contact;
  Stage stage = Stage::kUnspecified;  // any
  enum class Status { kAny, kOpen, kClosed } status = Status::kAny;
};

}  // namespace refnet::referrals
