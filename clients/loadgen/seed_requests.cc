// Seed requests drawn from a generator keyed by (firm, kind, index), never
// from shared state, so any worker can build any of them in any order.
#include "clients/loadgen/seed_requests.h"

#include "absl/strings/str_cat.h"
#include "clients/loadgen/request_ids.h"
#include "clients/loadgen/stable_hash.h"
#include "clients/loadgen/synthetic_firm.h"

namespace refnet::loadgen {
namespace {

namespace v1 = ::refnet::v1;

constexpr uint64_t kContactPairPercent = 10;
constexpr int64_t kFavourPointsMax = 50;
constexpr int64_t kOrganizations = 100;

}  // namespace

v1::CreateMemberRequest SeedMember(absl::string_view firm, int64_t index) {
  v1::CreateMemberRequest request;
  request.set_parent(FirmName(firm));
  request.set_member_id(MemberId(index));
  request.mutable_member()->set_display_name(absl::StrCat("Member ", index));
  request.mutable_member()->set_email(absl::StrCat(MemberId(index), "@", firm, ".test"));
  request.mutable_member()->set_role(v1::ROLE_MEMBER);
  request.set_request_id(DerivedRequestId(firm, "member", index));
  return request;
}

v1::CreateContactRequest SeedContact(absl::string_view firm, int64_t index) {
  v1::CreateContactRequest request;
  request.set_parent(FirmName(firm));
  request.set_contact_id(ContactId(index));
  v1::Contact* contact = request.mutable_contact();
  contact->set_display_name(absl::StrCat("Contact ", index));
  contact->set_organization(absl::StrCat("Organization ", index % kOrganizations));
  contact->add_tags("seeded");
  request.set_request_id(DerivedRequestId(firm, "contact", index));
  return request;
}

v1::RecordFavourRequest SeedFavour(absl::string_view firm, int64_t index, int64_t members,
                                   int64_t contacts) {
  SplitMix64 rng(StableHash(absl::StrCat(firm, "\nfavour\n", index)));
  auto below = [&rng](int64_t bound) {
    return static_cast<int64_t>(rng.Below(static_cast<uint64_t>(bound)));
  };
  v1::RecordFavourRequest request;
  request.set_parent(FirmName(firm));
  v1::Favour* favour = request.mutable_favour();
  if (contacts >= 2 && rng.Below(100) < kContactPairPercent) {
    int64_t giver = below(contacts);
    int64_t receiver = below(contacts - 1);
    if (receiver >= giver) ++receiver;  // never the giver itself
    favour->set_giver(ContactName(firm, giver));
    favour->set_receiver(ContactName(firm, receiver));
  } else {
    std::string member = MemberName(firm, below(members));
    std::string contact = ContactName(firm, below(contacts));
    bool member_gives = rng.Below(2) == 0;
    favour->set_giver(member_gives ? member : contact);
    favour->set_receiver(member_gives ? contact : member);
  }
  favour->set_kind(static_cast<v1::FavourKind>(1 + rng.Below(v1::FavourKind_MAX)));
  favour->set_value_points(1 + below(kFavourPointsMax));
  request.set_request_id(DerivedRequestId(firm, "favour", index));
  return request;
}

}  // namespace refnet::loadgen
