// Conversions and field validation for the asks API.
#include "services/asks/transport/ask_convert.h"

#include <set>

#include "absl/strings/str_cat.h"
#include "services/common/etag.h"
#include "services/common/limits.h"
#include "services/common/rpc/access.h"
#include "services/common/rpc/proto_time.h"
#include "services/common/status.h"
#include "services/common/validation.h"
#include "services/ledger/transport/ledger_convert.h"

namespace refnet::asks {

absl::StatusOr<ChildName> AskNameFor(const auth::Principal& principal, absl::string_view name) {
  REFNET_ASSIGN_OR_RETURN(ChildName parsed, ParseChildName(name, "asks", "name"));
  REFNET_RETURN_IF_ERROR(rpc::RequireFirmData(principal, parsed.firm_id, "name"));
  return parsed;
}

absl::StatusOr<Ask> AskFromProto(const refnet::v1::Ask& in, const std::string& firm_id) {
  Ask ask;
  ask.firm_id = firm_id;
  REFNET_ASSIGN_OR_RETURN(ask.asker, ledger::PartyKey(in.asker(), firm_id, "ask.asker"));
  REFNET_RETURN_IF_ERROR(ValidateRequiredText(in.need(), "ask.need", limits::kNeedLengthMax));
  ask.need = in.need();
  std::vector<std::string> tags(in.tags().begin(), in.tags().end());
  REFNET_RETURN_IF_ERROR(
      ValidateTextList(tags, "ask.tags", limits::kTagsCountMax, limits::kTagLengthMax));
  // Like a contact's tag index, an ask holds each tag once.
  std::set<std::string> seen;
  for (std::string& tag : tags) {
    if (seen.insert(tag).second) ask.tags.push_back(std::move(tag));
  }
  if (in.has_due_time()) {
    if (!rpc::IsValidTimestamp(in.due_time())) {
      return FieldError("ask.due_time", "is not a valid timestamp");
    }
    ask.due_time = rpc::FromProto(in.due_time());
  }
  return ask;
}

void ToProto(const Ask& a, refnet::v1::Ask* out) {
  out->set_name(absl::StrCat("firms/", a.firm_id, "/asks/", a.id));
  out->set_asker(ledger::PartyName(a.firm_id, a.asker));
  out->set_need(a.need);
  out->mutable_tags()->Assign(a.tags.begin(), a.tags.end());
  if (a.due_time) rpc::ToProto(*a.due_time, out->mutable_due_time());
  out->set_state(static_cast<refnet::v1::Ask::State>(static_cast<int>(a.state)));
  if (!a.fulfilled_by.empty()) out->set_fulfilled_by(ledger::PartyName(a.firm_id, a.fulfilled_by));
  if (!a.favour.empty()) out->set_favour(absl::StrCat("firms/", a.firm_id, "/favours/", a.favour));
  for (const Route& r : a.routes) {
    refnet::v1::AskRoute* route = out->add_routes();
    route->set_helper(ledger::PartyName(a.firm_id, r.helper));
    rpc::ToProto(r.route_time, route->mutable_route_time());
    route->set_routed_by(MemberName(a.firm_id, r.routed_by));
  }
  rpc::ToProto(a.create_time, out->mutable_create_time());
  rpc::ToProto(a.update_time, out->mutable_update_time());
  out->set_etag(EtagFor(a.version));
}

void ToProto(const std::string& firm_id, const Suggestion& s, refnet::v1::HelperSuggestion* out) {
  out->set_party(ledger::PartyName(firm_id, s.party));
  out->set_score(s.score);
  out->mutable_reasons()->Assign(s.reasons.begin(), s.reasons.end());
}

}  // namespace refnet::asks
