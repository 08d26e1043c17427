// Creating and moving referrals, each with its ledger effect in the same
// transaction.
#include "services/referrals/domain/referral_desk.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "services/common/etag.h"
#include "services/common/status.h"
#include "services/referrals/domain/pipeline.h"

namespace refnet::referrals {
namespace {

std::string MemberParty(const Actor& actor) { return absl::StrCat("members/", actor.member_id); }

// A move belongs to one party: the referrer withdraws, the recipient makes
// every other move. A member makes it when it is that party, or records it
// for a contact that is that party when it is the other one.
absl::Status RequireMover(const Referral& r, Stage to, const Actor& actor) {
  if (actor.privileged) return absl::OkStatus();
  bool withdraw = to == Stage::kWithdrawn;
  const std::string& owner = withdraw ? r.referrer : r.recipient;
  const std::string& other = withdraw ? r.recipient : r.referrer;
  std::string self = MemberParty(actor);
  if (self == owner || (absl::StartsWith(owner, "contacts/") && self == other)) {
    return absl::OkStatus();
  }
  return absl::PermissionDeniedError(
      withdraw ? "stage: only the referrer withdraws a referral"
               : absl::StrCat("stage: only the recipient moves a referral to ", StageName(to)));
}

absl::Status RequireOneOfTheParties(const Referral& r, const Actor& actor,
                                    absl::string_view action) {
  if (actor.privileged) return absl::OkStatus();
  std::string self = MemberParty(actor);
  if (self == r.referrer || self == r.recipient) return absl::OkStatus();
  return absl::PermissionDeniedError(
      absl::StrCat(action, ": members ", action == "referral" ? "create" : "move",
                   " only referrals they give or receive"));
}

}  // namespace

absl::StatusOr<Written> ReferralDesk::Create(storage::Tx& tx, Referral draft, const Actor& actor) {
  REFNET_RETURN_IF_ERROR(RequireOneOfTheParties(draft, actor, "referral"));
  if (draft.warmth < 1 || draft.warmth > 5) {
    return FieldError("referral.warmth", "must be between 1 and 5");
  }
  if (draft.referrer == draft.recipient) {
    return FieldError("referral.recipient", "must differ from the referrer");
  }
  REFNET_RETURN_IF_ERROR(
      ledger::Ledger::RequireParty(tx, draft.firm_id, draft.referrer, "referral.referrer"));
  REFNET_RETURN_IF_ERROR(
      ledger::Ledger::RequireParty(tx, draft.firm_id, draft.recipient, "referral.recipient"));
  if (!draft.prospect_contact.empty()) {
    REFNET_RETURN_IF_ERROR(ledger::Ledger::RequireParty(
        tx, draft.firm_id, absl::StrCat("contacts/", draft.prospect_contact),
        "referral.prospect.contact"));
  }
  absl::Time now = clock_.Now();
  if (draft.offer_time == absl::InfinitePast()) draft.offer_time = now;
  if (draft.offer_time > now + absl::Hours(24)) {
    return FieldError("referral.offer_time", "is more than a day in the future");
  }
  REFNET_ASSIGN_OR_RETURN(admin::FirmSettings settings, tx.Admin().GetSettings(draft.firm_id));
  draft.id = ids_.NewId();
  draft.stage = Stage::kOffered;
  draft.stage_time = draft.offer_time;
  draft.closed_value = Money{};
  draft.closed_favour.clear();
  draft.created_by = actor.member_id;
  draft.create_time = now;
  draft.update_time = now;
  draft.version = 1;

  ledger::Favour favour;
  favour.firm_id = draft.firm_id;
  favour.giver = draft.referrer;
  favour.receiver = draft.recipient;
  favour.kind = ledger::FavourKind::kReferral;
  favour.value_points = OfferValue(settings, draft.warmth);
  favour.occurred_at = draft.offer_time;
  favour.referral = absl::StrCat("firms/", draft.firm_id, "/referrals/", draft.id);
  favour.recorded_by = actor.member_id;
  REFNET_ASSIGN_OR_RETURN(ledger::Recorded recorded, ledger_.RecordFavour(tx, std::move(favour)));
  draft.offer_favour = recorded.favour.id;

  REFNET_RETURN_IF_ERROR(tx.Referrals().InsertReferral(draft));
  ReferralMove offer{Stage::kUnspecified, Stage::kOffered, actor.member_id, draft.offer_time, ""};
  REFNET_RETURN_IF_ERROR(tx.Referrals().AppendMove(draft, offer));
  draft.history = {offer};
  return Written{std::move(draft), std::move(recorded)};
}

absl::StatusOr<Written> ReferralDesk::Move(storage::Tx& tx, const std::string& firm_id,
                                           const std::string& id, const MoveCommand& command,
                                           const Actor& actor) {
  REFNET_ASSIGN_OR_RETURN(Referral r, NotFoundIn(tx.Referrals().GetReferral(firm_id, id), "name"));
  REFNET_RETURN_IF_ERROR(RequireOneOfTheParties(r, actor, "name"));
  REFNET_RETURN_IF_ERROR(CheckEtag(command.etag, r.version, "the referral"));
  REFNET_RETURN_IF_ERROR(CheckMove(r.stage, command.to));
  REFNET_RETURN_IF_ERROR(RequireMover(r, command.to, actor));
  if (r.referrer == r.recipient && (command.to == Stage::kWon || command.to == Stage::kDeclined ||
                                    command.to == Stage::kWithdrawn)) {
    // A merge of two contacts can leave one party on both sides.
    return absl::FailedPreconditionError(
        "name: the referrer and the recipient were merged into one contact; the referral has "
        "no one left to owe");
  }
  if (command.to == Stage::kWon && command.closed_value.empty()) {
    return FieldError("closed_value", "is required to move to STAGE_WON");
  }
  if (command.to != Stage::kWon && !command.closed_value.empty()) {
    return FieldError("closed_value", "is set only with a move to STAGE_WON");
  }
  absl::Time now = clock_.Now();
  absl::Time when = command.move_time.value_or(now);
  if (when > now + absl::Hours(24)) {
    return FieldError("move_time", "is more than a day in the future");
  }
  if (when < r.stage_time) {
    return FieldError("move_time", absl::StrCat("is before the referral entered ",
                                                StageName(r.stage), " at ",
                                                absl::FormatTime(r.stage_time)));
  }

  std::optional<ledger::Recorded> recorded;
  if (command.to == Stage::kWon) {
    ledger::Favour favour;
    favour.firm_id = firm_id;
    favour.giver = r.referrer;
    favour.receiver = r.recipient;
    favour.kind = ledger::FavourKind::kClosedBusiness;
    favour.occurred_at = when;
    favour.referral = absl::StrCat("firms/", firm_id, "/referrals/", r.id);
    favour.recorded_by = actor.member_id;
    REFNET_ASSIGN_OR_RETURN(recorded, ledger_.RecordFavour(tx, std::move(favour)));
    r.closed_favour = recorded->favour.id;
    r.closed_value = command.closed_value;
  } else if (command.to == Stage::kDeclined || command.to == Stage::kWithdrawn) {
    // A favour someone voided by hand stays voided; there is nothing to undo.
    REFNET_ASSIGN_OR_RETURN(ledger::Favour offer, tx.Ledger().GetFavour(firm_id, r.offer_favour));
    if (offer.voided_by.empty()) {
      std::string reason = absl::StrCat("referral ", command.to == Stage::kDeclined ? "declined" : "withdrawn");
      REFNET_ASSIGN_OR_RETURN(recorded,
                              ledger_.VoidFavour(tx, firm_id, r.offer_favour, reason,
                                                 actor.member_id));
    }
  }
  ReferralMove move{r.stage, command.to, actor.member_id, when, command.note};
  r.stage = command.to;
  r.stage_time = when;
  r.update_time = now;
  ++r.version;
  REFNET_RETURN_IF_ERROR(tx.Referrals().UpdateReferral(r));
  REFNET_RETURN_IF_ERROR(tx.Referrals().AppendMove(r, move));
  r.history.push_back(move);
  return Written{std::move(r), std::move(recorded)};
}

}  // namespace refnet::referrals
