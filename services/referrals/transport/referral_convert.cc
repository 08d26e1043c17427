// Conversions and field validation for the referrals API.
#include "services/referrals/transport/referral_convert.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "services/common/etag.h"
#include "services/common/limits.h"
#include "services/common/resource_names.h"
#include "services/common/rpc/access.h"
#include "services/common/rpc/proto_time.h"
#include "services/common/status.h"
#include "services/common/validation.h"
#include "services/ledger/transport/ledger_convert.h"

namespace refnet::referrals {
namespace {

namespace v1 = ::refnet::v1;

constexpr int32_t kWarmthMin = 1;
constexpr int32_t kWarmthMax = 5;
constexpr int32_t kNanosMax = 999999999;
// A quadrillion units: more than any deal, and sums of many stay in int64.
constexpr int64_t kUnitsMax = 1000000000000000;

void MoneyToProto(const Money& money, v1::Money* out) {
  out->set_currency_code(money.currency_code);
  out->set_units(money.units);
  out->set_nanos(money.nanos);
}

std::string FavourName(const std::string& firm_id, const std::string& id) {
  return id.empty() ? std::string() : absl::StrCat("firms/", firm_id, "/favours/", id);
}

}  // namespace

absl::StatusOr<Money> MoneyFromProto(const v1::Money& money, absl::string_view field) {
  if (money.currency_code().empty() && money.units() == 0 && money.nanos() == 0) return Money{};
  const std::string& code = money.currency_code();
  bool valid_code = code.size() == 3;
  for (char c : code) valid_code = valid_code && absl::ascii_isupper(static_cast<unsigned char>(c));
  if (!valid_code) {
    return FieldError(absl::StrCat(field, ".currency_code"),
                      absl::StrCat("must be three upper-case letters (ISO 4217), got \"", code,
                                   "\""));
  }
  if (money.nanos() < 0 || money.nanos() > kNanosMax) {
    return FieldError(absl::StrCat(field, ".nanos"), "must be between 0 and 999999999");
  }
  if (money.units() < 0 || money.units() > kUnitsMax) {
    return FieldError(absl::StrCat(field, ".units"), "must be between 0 and 10^15");
  }
  return Money{code, money.units(), money.nanos()};
}

absl::StatusOr<Stage> StageFromProto(v1::Stage stage, absl::string_view field, bool required) {
  if (!v1::Stage_IsValid(stage)) {
    return FieldError(field, absl::StrCat(static_cast<int>(stage), " is not a known stage"));
  }
  if (required && stage == v1::STAGE_UNSPECIFIED) return FieldError(field, "is required");
  return static_cast<Stage>(stage);
}

absl::StatusOr<Referral> ReferralFromProto(const v1::Referral& in, const std::string& firm_id) {
  Referral r;
  r.firm_id = firm_id;
  REFNET_ASSIGN_OR_RETURN(r.referrer, ledger::PartyKey(in.referrer(), firm_id, "referral.referrer"));
  REFNET_ASSIGN_OR_RETURN(r.recipient,
                          ledger::PartyKey(in.recipient(), firm_id, "referral.recipient"));
  const v1::Prospect& prospect = in.prospect();
  if (prospect.contact().empty() == prospect.description().empty()) {
    return FieldError("referral.prospect",
                      "needs exactly one of contact (a contact's name) or description");
  }
  if (!prospect.contact().empty()) {
    REFNET_ASSIGN_OR_RETURN(ChildName contact, ParseChildName(prospect.contact(), kContacts,
                                                              "referral.prospect.contact"));
    REFNET_RETURN_IF_ERROR(
        rpc::RequireNameInFirm(contact.firm_id, firm_id, "referral.prospect.contact"));
    r.prospect_contact = contact.id;
  } else {
    REFNET_RETURN_IF_ERROR(ValidateRequiredText(
        prospect.description(), "referral.prospect.description", limits::kOfferLengthMax));
    r.prospect_description = prospect.description();
  }
  REFNET_RETURN_IF_ERROR(ValidateRequiredText(in.need(), "referral.need", limits::kOfferLengthMax));
  r.need = in.need();
  if (in.warmth() < kWarmthMin || in.warmth() > kWarmthMax) {
    return FieldError("referral.warmth",
                      absl::StrCat("must be between 1 (a name and a number) and 5 (an in-person "
                                   "introduction), got ",
                                   in.warmth()));
  }
  r.warmth = in.warmth();
  REFNET_ASSIGN_OR_RETURN(r.estimated_value,
                          MoneyFromProto(in.estimated_value(), "referral.estimated_value"));
  r.confidential = in.confidential();
  r.offer_time = absl::InfinitePast();
  if (in.has_offer_time()) {
    if (!rpc::IsValidTimestamp(in.offer_time())) {
      return FieldError("referral.offer_time", "is not a valid timestamp");
    }
    r.offer_time = rpc::FromProto(in.offer_time());
  }
  return r;
}

void ToProto(const Referral& r, const Viewer& viewer, v1::Referral* out) {
  out->set_name(absl::StrCat("firms/", r.firm_id, "/referrals/", r.id));
  out->set_referrer(ledger::PartyName(r.firm_id, r.referrer));
  out->set_recipient(ledger::PartyName(r.firm_id, r.recipient));
  if (!r.prospect_contact.empty()) {
    out->mutable_prospect()->set_contact(ContactName(r.firm_id, r.prospect_contact));
  } else {
    out->mutable_prospect()->set_description(r.prospect_description);
  }
  out->set_need(r.need);
  out->set_warmth(r.warmth);
  bool amounts = MaySeeAmounts(r, viewer);
  out->set_amounts_withheld(!amounts);
  if (amounts && !r.estimated_value.empty()) {
    MoneyToProto(r.estimated_value, out->mutable_estimated_value());
  }
  if (amounts && !r.closed_value.empty()) MoneyToProto(r.closed_value, out->mutable_closed_value());
  out->set_confidential(r.confidential);
  out->set_stage(static_cast<v1::Stage>(r.stage));
  for (const ReferralMove& m : r.history) {
    v1::ReferralMove* move = out->add_history();
    move->set_from_stage(static_cast<v1::Stage>(m.from));
    move->set_to_stage(static_cast<v1::Stage>(m.to));
    if (!m.moved_by.empty()) move->set_moved_by(MemberName(r.firm_id, m.moved_by));
    rpc::ToProto(m.move_time, move->mutable_move_time());
    move->set_note(m.note);
  }
  out->set_offer_favour(FavourName(r.firm_id, r.offer_favour));
  out->set_closed_favour(FavourName(r.firm_id, r.closed_favour));
  rpc::ToProto(r.offer_time, out->mutable_offer_time());
  rpc::ToProto(r.stage_time, out->mutable_stage_time());
  if (!r.created_by.empty()) out->set_created_by(MemberName(r.firm_id, r.created_by));
  out->set_etag(EtagFor(r.version));
}

void ToProto(const std::string& firm_id, const Report& report, v1::ReferralReport* out) {
  if (!report.party.empty()) out->set_party(ledger::PartyName(firm_id, report.party));
  out->set_given_count(report.given_count);
  out->set_received_count(report.received_count);
  out->set_won_count(report.won_count);
  out->set_lost_count(report.lost_count);
  out->set_declined_count(report.declined_count);
  out->set_withdrawn_count(report.withdrawn_count);
  out->set_open_count(report.open_count);
  out->set_conversion_rate(report.conversion_rate);
  for (const ReferrerCredit& c : report.credits) {
    v1::ReferrerCredit* credit = out->add_credits();
    credit->set_referrer(ledger::PartyName(firm_id, c.referrer));
    credit->set_won_count(c.won_count);
    for (const Money& m : c.closed_value) MoneyToProto(m, credit->add_closed_value());
    credit->set_withheld_count(c.withheld_count);
  }
  for (const StageTime& t : report.stage_times) {
    v1::StageTime* time = out->add_stage_times();
    time->set_stage(static_cast<v1::Stage>(t.stage));
    time->set_count(t.count);
    int64_t nanos = absl::ToInt64Nanoseconds(t.median);
    time->mutable_median()->set_seconds(nanos / 1000000000);
    time->mutable_median()->set_nanos(static_cast<int32_t>(nanos % 1000000000));
  }
  for (const StuckReferral& s : report.stuck) {
    v1::StuckReferral* stuck = out->add_stuck();
    stuck->set_referral(absl::StrCat("firms/", firm_id, "/referrals/", s.id));
    stuck->set_stage(static_cast<v1::Stage>(s.stage));
    rpc::ToProto(s.stage_time, stuck->mutable_stage_time());
    stuck->set_days(s.days);
  }
  out->set_stuck_after_days(report.stuck_after_days);
}

}  // namespace refnet::referrals
