// m0 met a dozen of its contacts at events and meetings in the last two
// weeks; it, twenty colleagues and ten of its contacts have open asks; and
// ten referrals involving m0 wait in the offered stage, some for weeks.
#include "clients/loadgen/store_activity.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "clients/loadgen/synthetic_firm.h"
#include "services/asks/domain/ask_book.h"
#include "services/common/status.h"
#include "services/contacts/domain/contact_book.h"
#include "services/referrals/domain/referral_desk.h"

namespace refnet::loadgen {
namespace {

constexpr int64_t kInteractions = 12;
constexpr int64_t kHubAsks = 2;
constexpr int64_t kColleagueAsks = 20;
constexpr int64_t kContactAsks = 10;
constexpr int64_t kReferralsGiven = 6;
constexpr int64_t kReferralsReceived = 4;
constexpr char kHub[] = "members/m0";

std::string ContactParty(int32_t contact) { return absl::StrCat("contacts/", ContactId(contact)); }

}  // namespace

absl::StatusOr<HubActivityCounts> HubActivity::Write(
    storage::Tx& tx, const std::vector<PlannedRelationship>& relationships) {
  std::vector<int32_t> known;
  for (const PlannedRelationship& r : relationships) {
    if (r.member == 0) known.push_back(r.contact);
  }
  HubActivityCounts counts;
  if (known.empty()) return counts;
  REFNET_RETURN_IF_ERROR(Interactions(tx, known, counts));
  REFNET_RETURN_IF_ERROR(Asks(tx, known, counts));
  REFNET_RETURN_IF_ERROR(Referrals(tx, known, counts));
  return counts;
}

absl::Status HubActivity::Interactions(storage::Tx& tx, const std::vector<int32_t>& known,
                                       HubActivityCounts& counts) {
  contacts::ContactBook book(clock_, ids_);
  int64_t n = std::min<int64_t>(kInteractions, static_cast<int64_t>(known.size()));
  for (int64_t k = 0; k < n; ++k) {
    contacts::Interaction draft;
    draft.firm_id = shape_.firm_id;
    draft.member_id = MemberId(0);
    draft.contact_id = ContactId(known[static_cast<size_t>(k)]);
    bool event = k % 2 == 0;
    draft.kind = event ? contacts::InteractionKind::kEvent : contacts::InteractionKind::kMeeting;
    draft.event_name = event ? "Fintech Summit" : "";
    draft.note = "talked about what they need next quarter";
    draft.occurred_at = shape_.as_of - absl::Hours(24 * (1 + k));
    REFNET_RETURN_IF_ERROR(book.LogInteraction(tx.Admin(), tx.Contacts(), draft).status());
    ++counts.interactions;
  }
  return absl::OkStatus();
}

absl::Status HubActivity::Asks(storage::Tx& tx, const std::vector<int32_t>& known,
                               HubActivityCounts& counts) {
  asks::AskBook book(clock_, ids_, ledger_);
  const std::vector<std::string>& phrases = OfferPhrases();
  std::vector<std::string> askers(kHubAsks, kHub);
  for (int64_t m = 1; m <= std::min(kColleagueAsks, shape_.members - 1); ++m) {
    askers.push_back(absl::StrCat("members/", MemberId(m)));
  }
  for (size_t k = 0; k < known.size() && k < static_cast<size_t>(kContactAsks); ++k) {
    askers.push_back(ContactParty(known[known.size() - 1 - k]));
  }
  for (size_t k = 0; k < askers.size(); ++k) {
    asks::Ask draft;
    draft.firm_id = shape_.firm_id;
    draft.asker = askers[k];
    draft.need = absl::StrCat("looking for ", phrases[k % phrases.size()]);
    draft.tags = {"fintech"};
    absl::StatusOr<asks::Ask> posted = book.CreateAsk(tx, draft);
    if (absl::IsResourceExhausted(posted.status())) {
      ++counts.asks_skipped;
      continue;
    }
    REFNET_RETURN_IF_ERROR(posted.status());
    ++counts.asks;
  }
  return absl::OkStatus();
}

absl::Status HubActivity::Referrals(storage::Tx& tx, const std::vector<int32_t>& known,
                                    HubActivityCounts& counts) {
  referrals::ReferralDesk desk(clock_, ids_, ledger_);
  const std::vector<std::string>& phrases = OfferPhrases();
  const size_t n = known.size();
  for (int64_t k = 0; k < kReferralsGiven + kReferralsReceived; ++k) {
    auto at = static_cast<size_t>(k);
    referrals::Referral draft;
    draft.firm_id = shape_.firm_id;
    bool given = k < kReferralsGiven;
    std::string contact = ContactParty(known[at % n]);
    draft.referrer = given ? kHub : contact;
    draft.recipient = given ? contact : kHub;
    if (n > 1) draft.prospect_contact = ContactId(known[(at + n / 2) % n]);
    draft.prospect_description = "a company that needs what they sell";
    draft.need = phrases[at % phrases.size()];
    draft.warmth = static_cast<int32_t>(1 + k % 5);
    draft.estimated_value = {"USD", 50000 * (1 + k), 0};
    // Some were offered weeks ago and are stuck in the offered stage.
    draft.offer_time = shape_.as_of - absl::Hours(24 * (3 + 5 * k));
    absl::StatusOr<referrals::Written> written =
        desk.Create(tx, std::move(draft), referrals::Actor{MemberId(0), false});
    REFNET_RETURN_IF_ERROR(written.status());
    ++counts.referrals;
  }
  return absl::OkStatus();
}

}  // namespace refnet::loadgen
