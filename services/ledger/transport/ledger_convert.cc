// Conversions and field validation for the ledger API.
#include "services/ledger/transport/ledger_convert.h"

#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "services/common/limits.h"
#include "services/common/resource_names.h"
#include "services/common/rpc/access.h"
#include "services/common/rpc/proto_time.h"
#include "services/common/status.h"
#include "services/common/validation.h"

namespace refnet::ledger {
namespace {

constexpr int64_t kValuePointsMax = 1000000;

absl::StatusOr<std::string> LinkId(absl::string_view name, const std::string& firm_id,
                                   absl::string_view collection, absl::string_view field) {
  if (name.empty()) return std::string();
  REFNET_ASSIGN_OR_RETURN(ChildName parsed, ParseChildName(name, collection, field));
  REFNET_RETURN_IF_ERROR(rpc::RequireNameInFirm(parsed.firm_id, firm_id, field));
  return std::string(name);
}

}  // namespace

absl::StatusOr<std::string> PartyKey(absl::string_view name, const std::string& firm_id,
                                     absl::string_view field) {
  if (name.empty()) return FieldError(field, "is required");
  std::vector<absl::string_view> parts = absl::StrSplit(name, '/');
  absl::string_view collection = parts.size() == 4 ? parts[2] : "";
  if (collection != kMembers && collection != kContacts) {
    return FieldError(field, absl::StrCat("expected firms/{firm}/members/{member} or "
                                          "firms/{firm}/contacts/{contact}, got \"",
                                          name, "\""));
  }
  REFNET_ASSIGN_OR_RETURN(ChildName parsed, ParseChildName(name, collection, field));
  REFNET_RETURN_IF_ERROR(rpc::RequireNameInFirm(parsed.firm_id, firm_id, field));
  return absl::StrCat(collection, "/", parsed.id);
}

std::string PartyName(const std::string& firm_id, const std::string& key) {
  return absl::StrCat("firms/", firm_id, "/", key);
}

absl::StatusOr<Favour> FavourFromProto(const refnet::v1::Favour& f, const std::string& firm_id) {
  Favour out;
  out.firm_id = firm_id;
  REFNET_ASSIGN_OR_RETURN(out.giver, PartyKey(f.giver(), firm_id, "favour.giver"));
  REFNET_ASSIGN_OR_RETURN(out.receiver, PartyKey(f.receiver(), firm_id, "favour.receiver"));
  if (out.giver == out.receiver) {
    return FieldError("favour.receiver", "must not be the giver");
  }
  if (f.kind() == refnet::v1::FAVOUR_KIND_UNSPECIFIED)
    return FieldError("favour.kind", "is required");
  if (!refnet::v1::FavourKind_IsValid(f.kind())) {
    return FieldError("favour.kind",
                      absl::StrCat(static_cast<int>(f.kind()), " is not a known favour kind"));
  }
  out.kind = static_cast<FavourKind>(f.kind());
  if (f.value_points() < 0 || f.value_points() > kValuePointsMax) {
    return FieldError("favour.value_points",
                      absl::StrCat("must be between 1 and ", kValuePointsMax,
                                   " (0 takes the firm's default), got ", f.value_points()));
  }
  out.value_points = f.value_points();
  out.occurred_at = absl::InfinitePast();
  if (f.has_occurred_at()) {
    if (!rpc::IsValidTimestamp(f.occurred_at())) {
      return FieldError("favour.occurred_at", "is not a valid timestamp");
    }
    out.occurred_at = rpc::FromProto(f.occurred_at());
  }
  REFNET_RETURN_IF_ERROR(ValidateOptionalText(f.note(), "favour.note", limits::kNoteLengthMax));
  out.note = f.note();
  REFNET_ASSIGN_OR_RETURN(out.referral,
                          LinkId(f.referral(), firm_id, "referrals", "favour.referral"));
  REFNET_ASSIGN_OR_RETURN(out.ask, LinkId(f.ask(), firm_id, "asks", "favour.ask"));
  if (!f.introduced_party().empty()) {
    REFNET_ASSIGN_OR_RETURN(out.introduced_party,
                            PartyKey(f.introduced_party(), firm_id, "favour.introduced_party"));
  }
  return out;
}

void ToProto(const Favour& f, refnet::v1::Favour* out) {
  out->set_name(absl::StrCat("firms/", f.firm_id, "/favours/", f.id));
  out->set_giver(PartyName(f.firm_id, f.giver));
  out->set_receiver(PartyName(f.firm_id, f.receiver));
  out->set_kind(static_cast<refnet::v1::FavourKind>(f.kind));
  out->set_value_points(f.value_points);
  rpc::ToProto(f.occurred_at, out->mutable_occurred_at());
  out->set_note(f.note);
  out->set_referral(f.referral);
  out->set_ask(f.ask);
  if (!f.introduced_party.empty()) {
    out->set_introduced_party(PartyName(f.firm_id, f.introduced_party));
  }
  if (!f.voids.empty()) out->set_voids(absl::StrCat("firms/", f.firm_id, "/favours/", f.voids));
  if (!f.voided_by.empty()) {
    out->set_voided_by(absl::StrCat("firms/", f.firm_id, "/favours/", f.voided_by));
  }
  out->set_void_reason(f.void_reason);
  if (!f.recorded_by.empty()) out->set_recorded_by(MemberName(f.firm_id, f.recorded_by));
  rpc::ToProto(f.create_time, out->mutable_create_time());
}

void ToProto(const std::string& firm_id, const Balance& b, refnet::v1::Balance* out) {
  out->set_party(PartyName(firm_id, b.party));
  out->set_counterparty(PartyName(firm_id, b.counterparty));
  int64_t net = b.net_points();
  out->set_net_points(net);
  out->set_direction(net > 0   ? refnet::v1::BALANCE_DIRECTION_COUNTERPARTY_OWES
                     : net < 0 ? refnet::v1::BALANCE_DIRECTION_PARTY_OWES
                               : refnet::v1::BALANCE_DIRECTION_EVEN);
  out->set_given_points(b.given_points);
  out->set_received_points(b.received_points);
  out->set_given_count(b.given_count);
  out->set_received_count(b.received_count);
  if (b.last_given) rpc::ToProto(*b.last_given, out->mutable_last_given_time());
  if (b.last_received) rpc::ToProto(*b.last_received, out->mutable_last_received_time());
  out->set_version(b.version);
}

refnet::v1::ReciprocityHealth HealthToProto(Health health) {
  return static_cast<refnet::v1::ReciprocityHealth>(static_cast<int>(health));
}

}  // namespace refnet::ledger
