// The synthetic firm that `seed` builds and `run` reads: members m0..m{K-1},
// contacts c0..c{N-1}, and a fixed hot set of member–contact pairs.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace refnet::loadgen {

std::string FirmName(absl::string_view firm);  // firms/{firm}
std::string MemberId(int64_t index);           // m{index}
std::string ContactId(int64_t index);          // c{index}
std::string MemberName(absl::string_view firm, int64_t index);
std::string ContactName(absl::string_view firm, int64_t index);

// Organizations are named "Org {index}"; one more, kSmallOrganization, has
// only a few contacts.
std::string OrganizationName(int64_t index);
inline constexpr absl::string_view kSmallOrganization = "Globex";

// Reads keep going to the same pairs, so a cache can serve them warm.
struct HotPair {
  std::string member;   // full resource name
  std::string contact;  // full resource name
};

// `pairs` member–contact pairs over members [0, members) and contacts
// [0, contacts), the same on every run for the same arguments.
std::vector<HotPair> BuildHotSet(absl::string_view firm, int64_t members, int64_t contacts,
                                 int64_t pairs);

// Where the network scenarios look: paths and introductions for member m0
// (the member who knows the most contacts in a bulk-seeded firm), towards a
// fixed rotation of contacts and organizations.
struct IntroTargets {
  std::string member;                      // full resource name of m0
  std::vector<std::string> contacts;       // full resource names
  std::vector<std::string> organizations;  // organization names
};

// The same targets on every run for the same arguments.
IntroTargets BuildIntroTargets(absl::string_view firm, int64_t contacts);

}  // namespace refnet::loadgen
