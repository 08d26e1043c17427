// Contacts drawn per index from a hash of (seed, index), so any contact can
// be built alone and in any order.
#include "clients/loadgen/firm_shape.h"

#include <algorithm>
#include <cmath>

#include "absl/strings/str_cat.h"
#include "clients/loadgen/stable_hash.h"
#include "clients/loadgen/synthetic_firm.h"

namespace refnet::loadgen {
namespace {

constexpr absl::string_view kFirstNames[] = {
    "Ada",   "Alan",  "Barbara", "Claude", "Dorothy", "Edsger",   "Frances", "Grace",
    "Hedy",  "Ivan",  "Joan",    "Ken",    "Lynn",    "Margaret", "Niklaus", "Olga",
    "Peter", "Radia", "Sophie",  "Tim",    "Ursula",  "Vint",     "Wendy",   "Xavier",
    "Yann",  "Zora",  "Amir",    "Bea",    "Chen",    "Dara",     "Emeka",   "Fatima"};
constexpr absl::string_view kLastNames[] = {
    "Lovelace", "Turing",     "Liskov", "Shannon",  "Vaughan",  "Dijkstra", "Allen",   "Hopper",
    "Lamarr",   "Sutherland", "Clarke", "Thompson", "Conway",   "Hamilton", "Wirth",   "Taussky",
    "Naur",     "Perlman",    "Wilson", "Berners",  "Franklin", "Cerf",     "Hall",    "Leroy",
    "LeCun",    "Neale",      "Haddad", "Okafor",   "Wei",      "Novak",    "Adeyemi", "Rossi"};
constexpr absl::string_view kTitles[] = {"Partner",       "Chief Financial Officer", "Founder",
                                         "Head of Sales", "General Counsel",         "Director",
                                         "Investor",      "Managing Director",       "Consultant"};
constexpr absl::string_view kTags[] = {
    "fintech",     "healthcare", "saas",    "manufacturing",  "retail",     "energy",
    "legal",       "accounting", "vc",      "private-equity", "banking",    "insurance",
    "real-estate", "logistics",  "media",   "education",      "government", "nonprofit",
    "alumni",      "board",      "speaker", "investor",       "founder",    "advisor",
    "recruiter",   "conference", "golf",    "london",         "new-york",   "berlin"};

constexpr uint64_t kOfferOnlyPercent = 10;
constexpr uint64_t kNeedOnlyPercent = 6;
constexpr uint64_t kBothPercent = 4;
constexpr int kTagsPerContactMax = 3;
// Organization sizes fall off as rank^-kOrganizationSkew.
constexpr double kOrganizationSkew = 0.8;

template <size_t N>
absl::string_view Pick(SplitMix64& rng, const absl::string_view (&words)[N]) {
  return words[rng.Below(N)];
}

SplitMix64 ContactRng(const FirmShape& shape, int64_t index) {
  return SplitMix64(StableHash(absl::StrCat("contact\n", index), shape.seed));
}

// Inverse CDF of a continuous power law over [1, kOrganizations + 1).
int64_t PowerLawOrganization(double u) {
  const double e = 1 - kOrganizationSkew;
  double top = std::pow(static_cast<double>(kOrganizations + 1), e);
  double x = std::pow(1 + u * (top - 1), 1 / e);
  auto organization = static_cast<int64_t>(x) - 1;
  return std::clamp<int64_t>(organization, 0, kOrganizations - 1);
}

}  // namespace

const std::vector<std::string>& OfferPhrases() {
  static const std::vector<std::string>* const phrases =
      new std::vector<std::string>{"seed funding",
                                   "series a funding",
                                   "cloud migration",
                                   "tax advice",
                                   "hiring engineers",
                                   "board introductions",
                                   "legal review",
                                   "market entry in germany",
                                   "data science",
                                   "supply chain financing",
                                   "cybersecurity audit",
                                   "brand strategy",
                                   "mergers and acquisitions",
                                   "commercial real estate",
                                   "executive coaching",
                                   "pricing strategy",
                                   "government contracts",
                                   "sales leads in retail",
                                   "grant writing",
                                   "office space in london"};
  return *phrases;
}

admin::Member ShapeMember(const FirmShape& shape, int64_t index) {
  admin::Member member;
  member.firm_id = shape.firm_id;
  if (index < 0) {
    member.id = kAdminMemberId;
    member.display_name = "Boss";
    member.role = admin::MemberRole::kAdmin;
  } else {
    member.id = MemberId(index);
    member.display_name = absl::StrCat("Member ", index);
    member.role = admin::MemberRole::kMember;
  }
  member.email = absl::StrCat(member.id, "@", shape.firm_id, ".test");
  return member;
}

int64_t OrganizationOf(const FirmShape& shape, int64_t index) {
  // The small organization takes evenly spaced contacts.
  int64_t small = std::min(kSmallOrganizationContacts, shape.contacts / 10);
  if (small > 0) {
    int64_t spacing = shape.contacts / small;
    if (index % spacing == spacing / 2 && index / spacing < small) return -1;
  }
  SplitMix64 rng = ContactRng(shape, index);
  double u = static_cast<double>(rng.Next() >> 11) / static_cast<double>(uint64_t{1} << 53);
  return PowerLawOrganization(u);
}

contacts::Contact ShapeContact(const FirmShape& shape, int64_t index) {
  contacts::Contact contact;
  contact.firm_id = shape.firm_id;
  contact.id = ContactId(index);
  int64_t organization = OrganizationOf(shape, index);
  contact.organization =
      organization < 0 ? std::string(kSmallOrganization) : OrganizationName(organization);
  // A stream apart from the organization's draw.
  SplitMix64 rng(StableHash(absl::StrCat("contact-details\n", index), shape.seed));
  absl::string_view first = Pick(rng, kFirstNames);
  absl::string_view last = Pick(rng, kLastNames);
  contact.display_name = absl::StrCat(first, " ", last);
  contact.title = std::string(Pick(rng, kTitles));
  contact.emails.push_back(organization < 0
                               ? absl::StrCat(contact.id, "@globex.example")
                               : absl::StrCat(contact.id, "@org", organization, ".example"));
  int tags = 1 + static_cast<int>(rng.Below(kTagsPerContactMax));
  for (int t = 0; t < tags; ++t) {
    std::string tag(Pick(rng, kTags));
    if (std::find(contact.tags.begin(), contact.tags.end(), tag) == contact.tags.end()) {
      contact.tags.push_back(std::move(tag));
    }
  }
  const std::vector<std::string>& phrases = OfferPhrases();
  uint64_t roll = rng.Below(100);
  bool offers = roll < kOfferOnlyPercent + kBothPercent;
  bool needs =
      roll >= kOfferOnlyPercent && roll < kOfferOnlyPercent + kBothPercent + kNeedOnlyPercent;
  if (offers) contact.offers.push_back(phrases[rng.Below(phrases.size())]);
  if (needs) contact.needs.push_back(phrases[rng.Below(phrases.size())]);
  contact.source = "synthetic";
  return contact;
}

}  // namespace refnet::loadgen
