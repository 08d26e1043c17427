// Favours name their parties explicitly: a member and a contact may share an
// id, so `alice` alone could mean either.
#include "clients/refnetctl/favour_requests.h"

#include <optional>

#include "absl/strings/str_cat.h"
#include "clients/refnetctl/enum_text.h"
#include "clients/refnetctl/request_fields.h"
#include "clients/refnetctl/short_names.h"
#include "clients/refnetctl/time_flags.h"
#include "services/common/status.h"

namespace refnet::ctl {
namespace {

absl::StatusOr<std::string> FavourOperand(const ParsedArgs& args, const GlobalOptions& options) {
  return ExpandChildName(options.firm_id, "favours", args.positional.at(0), "favour");
}

// --kind as a FavourKind; unspecified when the flag is absent.
absl::StatusOr<v1::FavourKind> KindFlag(const ParsedArgs& args) {
  std::optional<std::string> text = args.Value("kind");
  if (!text.has_value()) return v1::FAVOUR_KIND_UNSPECIFIED;
  REFNET_ASSIGN_OR_RETURN(int kind, ParseEnumFlag(*v1::FavourKind_descriptor(), *text, "kind"));
  return static_cast<v1::FavourKind>(kind);
}

// A link to another resource of the firm given by id or full name; empty
// when the flag is absent.
absl::StatusOr<std::string> LinkFlag(const ParsedArgs& args, const GlobalOptions& options,
                                     absl::string_view flag, absl::string_view collection) {
  std::optional<std::string> value = args.Value(flag);
  if (!value.has_value()) return std::string();
  return ExpandChildName(options.firm_id, collection, *value, absl::StrCat("--", flag));
}

}  // namespace

absl::StatusOr<std::string> PartyFlag(const ParsedArgs& args, const GlobalOptions& options,
                                      absl::string_view flag) {
  std::optional<std::string> value = args.Value(flag);
  if (!value.has_value()) return std::string();
  return ExpandPartyName(options.firm_id, *value, absl::StrCat("--", flag));
}

absl::StatusOr<v1::RecordFavourRequest> BuildRecordFavour(const ParsedArgs& args,
                                                          const GlobalOptions& options) {
  v1::RecordFavourRequest request;
  REFNET_ASSIGN_OR_RETURN(*request.mutable_parent(), FirmParent(options.firm_id));
  v1::Favour& favour = *request.mutable_favour();
  REFNET_ASSIGN_OR_RETURN(*favour.mutable_giver(), PartyFlag(args, options, "giver"));
  REFNET_ASSIGN_OR_RETURN(*favour.mutable_receiver(), PartyFlag(args, options, "receiver"));
  REFNET_ASSIGN_OR_RETURN(v1::FavourKind kind, KindFlag(args));
  favour.set_kind(kind);
  int64_t points = 0;
  REFNET_RETURN_IF_ERROR(args.Int64("points", &points));
  favour.set_value_points(points);
  REFNET_ASSIGN_OR_RETURN(std::optional<absl::Time> occurred_at, TimeFlag(args, "occurred-at"));
  if (occurred_at.has_value()) SetTimestamp(*occurred_at, favour.mutable_occurred_at());
  favour.set_note(args.Value("note").value_or(""));
  REFNET_ASSIGN_OR_RETURN(*favour.mutable_referral(),
                          LinkFlag(args, options, "referral", "referrals"));
  REFNET_ASSIGN_OR_RETURN(*favour.mutable_ask(), LinkFlag(args, options, "ask", "asks"));
  REFNET_ASSIGN_OR_RETURN(*favour.mutable_introduced_party(),
                          PartyFlag(args, options, "introduced"));
  request.set_request_id(options.request_id);
  return request;
}

absl::StatusOr<v1::GetFavourRequest> BuildGetFavour(const ParsedArgs& args,
                                                    const GlobalOptions& options) {
  v1::GetFavourRequest request;
  REFNET_ASSIGN_OR_RETURN(*request.mutable_name(), FavourOperand(args, options));
  return request;
}

absl::StatusOr<v1::ListFavoursRequest> BuildListFavours(const ParsedArgs& args,
                                                        const GlobalOptions& options) {
  v1::ListFavoursRequest request;
  REFNET_ASSIGN_OR_RETURN(*request.mutable_parent(), FirmParent(options.firm_id));
  REFNET_ASSIGN_OR_RETURN(*request.mutable_party(), PartyFlag(args, options, "party"));
  REFNET_ASSIGN_OR_RETURN(*request.mutable_counterparty(),
                          PartyFlag(args, options, "counterparty"));
  if (request.party().empty() && !request.counterparty().empty()) {
    return UsageError("--counterparty needs --party");
  }
  REFNET_ASSIGN_OR_RETURN(v1::FavourKind kind, KindFlag(args));
  request.set_kind(kind);
  REFNET_ASSIGN_OR_RETURN(std::optional<absl::Time> since, TimeFlag(args, "since"));
  if (since.has_value()) SetTimestamp(*since, request.mutable_start_time());
  REFNET_ASSIGN_OR_RETURN(std::optional<absl::Time> until, TimeFlag(args, "until"));
  if (until.has_value()) SetTimestamp(*until, request.mutable_end_time());
  REFNET_RETURN_IF_ERROR(ApplyPaging(args, &request));
  return request;
}

absl::StatusOr<v1::VoidFavourRequest> BuildVoidFavour(const ParsedArgs& args,
                                                      const GlobalOptions& options) {
  v1::VoidFavourRequest request;
  REFNET_ASSIGN_OR_RETURN(*request.mutable_name(), FavourOperand(args, options));
  request.set_reason(args.Value("reason").value_or(""));
  request.set_request_id(options.request_id);
  return request;
}

}  // namespace refnet::ctl
