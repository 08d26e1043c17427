// Names of the synthetic firm, and its hot set drawn with a fixed seed.
#include "clients/loadgen/synthetic_firm.h"

#include "absl/strings/str_cat.h"
#include "clients/loadgen/stable_hash.h"

namespace refnet::loadgen {

std::string FirmName(absl::string_view firm) { return absl::StrCat("firms/", firm); }
std::string MemberId(int64_t index) { return absl::StrCat("m", index); }
std::string ContactId(int64_t index) { return absl::StrCat("c", index); }

std::string MemberName(absl::string_view firm, int64_t index) {
  return absl::StrCat("firms/", firm, "/members/", MemberId(index));
}

std::string ContactName(absl::string_view firm, int64_t index) {
  return absl::StrCat("firms/", firm, "/contacts/", ContactId(index));
}

std::string OrganizationName(int64_t index) { return absl::StrCat("Org ", index); }

std::vector<HotPair> BuildHotSet(absl::string_view firm, int64_t members, int64_t contacts,
                                 int64_t pairs) {
  SplitMix64 rng(StableHash("hot-set"));
  std::vector<HotPair> hot;
  hot.reserve(static_cast<size_t>(pairs));
  for (int64_t i = 0; i < pairs; ++i) {
    int64_t member = static_cast<int64_t>(rng.Below(static_cast<uint64_t>(members)));
    int64_t contact = static_cast<int64_t>(rng.Below(static_cast<uint64_t>(contacts)));
    hot.push_back({MemberName(firm, member), ContactName(firm, contact)});
  }
  return hot;
}

IntroTargets BuildIntroTargets(absl::string_view firm, int64_t contacts) {
  constexpr int64_t kTargetContacts = 100;
  // Organizations of every size: the largest, a few in the long tail, and
  // the small one.
  constexpr int64_t kTargetOrganizations[] = {0, 17, 250, 1200};
  SplitMix64 rng(StableHash("intro-targets"));
  IntroTargets targets;
  targets.member = MemberName(firm, 0);
  for (int64_t i = 0; i < kTargetContacts; ++i) {
    int64_t contact = static_cast<int64_t>(rng.Below(static_cast<uint64_t>(contacts)));
    targets.contacts.push_back(ContactName(firm, contact));
  }
  targets.organizations.emplace_back(kSmallOrganization);
  for (int64_t organization : kTargetOrganizations) {
    targets.organizations.push_back(OrganizationName(organization));
  }
  return targets;
}

}  // namespace refnet::loadgen
