// Every input has a bound; these are the bounds callers can rely on.
#pragma once

#include <cstddef>
#include <cstdint>

namespace refnet::limits {

inline constexpr size_t kNameLengthMax = 200;     // display names, organization, title
inline constexpr size_t kNotesLengthMax = 10000;  // contact notes
inline constexpr size_t kNoteLengthMax = 2000;    // interaction and connection notes
inline constexpr size_t kHowMetLengthMax = 500;
inline constexpr size_t kEmailLengthMax = 254;  // RFC 5321 path limit
inline constexpr size_t kEmailsCountMax = 20;
inline constexpr size_t kPhonesCountMax = 20;
inline constexpr size_t kPhoneLengthMax = 32;
inline constexpr size_t kTagsCountMax = 50;
inline constexpr size_t kTagLengthMax = 64;
inline constexpr size_t kOffersCountMax = 50;  // also needs
inline constexpr size_t kOfferLengthMax = 500;
inline constexpr size_t kQueryLengthMax = 200;  // free-text filters
inline constexpr size_t kReasonLengthMax = 500;
inline constexpr size_t kNeedLengthMax = 2000;  // what an ask needs
inline constexpr int32_t kPageSizeDefault = 50;
inline constexpr int32_t kPageSizeMax = 1000;
inline constexpr int32_t kStrengthMin = 1;
inline constexpr int32_t kStrengthMax = 5;

}  // namespace refnet::limits
