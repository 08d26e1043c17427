// Ask flags: parties as for favours, states as `open` or `STATE_OPEN`.
#include "clients/refnetctl/ask_requests.h"

#include <optional>

#include "clients/refnetctl/enum_text.h"
#include "clients/refnetctl/favour_requests.h"
#include "clients/refnetctl/request_fields.h"
#include "clients/refnetctl/short_names.h"
#include "clients/refnetctl/time_flags.h"
#include "services/common/status.h"

namespace refnet::ctl {
namespace {

absl::StatusOr<std::string> AskOperand(const ParsedArgs& args, const GlobalOptions& options) {
  return ExpandChildName(options.firm_id, "asks", args.positional.at(0), "ask");
}

}  // namespace

absl::StatusOr<v1::CreateAskRequest> BuildCreateAsk(const ParsedArgs& args,
                                                    const GlobalOptions& options) {
  v1::CreateAskRequest request;
  REFNET_ASSIGN_OR_RETURN(*request.mutable_parent(), FirmParent(options.firm_id));
  v1::Ask& ask = *request.mutable_ask();
  REFNET_ASSIGN_OR_RETURN(*ask.mutable_asker(), PartyFlag(args, options, "asker"));
  ask.set_need(args.Value("need").value_or(""));
  for (const std::string& tag : args.Values("tag")) ask.add_tags(tag);
  REFNET_ASSIGN_OR_RETURN(std::optional<absl::Time> due, TimeFlag(args, "due"));
  if (due.has_value()) SetTimestamp(*due, ask.mutable_due_time());
  request.set_request_id(options.request_id);
  return request;
}

absl::StatusOr<v1::GetAskRequest> BuildGetAsk(const ParsedArgs& args,
                                              const GlobalOptions& options) {
  v1::GetAskRequest request;
  REFNET_ASSIGN_OR_RETURN(*request.mutable_name(), AskOperand(args, options));
  return request;
}

absl::StatusOr<v1::ListAsksRequest> BuildListAsks(const ParsedArgs& args,
                                                  const GlobalOptions& options) {
  v1::ListAsksRequest request;
  REFNET_ASSIGN_OR_RETURN(*request.mutable_parent(), FirmParent(options.firm_id));
  if (std::optional<std::string> state = args.Value("state")) {
    REFNET_ASSIGN_OR_RETURN(int parsed,
                            ParseEnumFlag(*v1::Ask::State_descriptor(), *state, "state"));
    request.set_state(static_cast<v1::Ask::State>(parsed));
  }
  REFNET_ASSIGN_OR_RETURN(*request.mutable_asker(), PartyFlag(args, options, "asker"));
  request.set_tag(args.Value("tag").value_or(""));
  REFNET_RETURN_IF_ERROR(ApplyPaging(args, &request));
  return request;
}

absl::StatusOr<v1::CloseAskRequest> BuildCloseAsk(const ParsedArgs& args,
                                                  const GlobalOptions& options) {
  v1::CloseAskRequest request;
  REFNET_ASSIGN_OR_RETURN(*request.mutable_name(), AskOperand(args, options));
  request.set_request_id(options.request_id);
  return request;
}

absl::StatusOr<v1::SuggestHelpersRequest> BuildSuggestHelpers(const ParsedArgs& args,
                                                              const GlobalOptions& options) {
  v1::SuggestHelpersRequest request;
  REFNET_ASSIGN_OR_RETURN(*request.mutable_name(), AskOperand(args, options));
  int32_t limit = 0;
  REFNET_RETURN_IF_ERROR(args.Int32("limit", &limit));
  request.set_page_size(limit);
  return request;
}

absl::StatusOr<v1::RouteAskRequest> BuildRouteAsk(const ParsedArgs& args,
                                                  const GlobalOptions& options) {
  v1::RouteAskRequest request;
  REFNET_ASSIGN_OR_RETURN(*request.mutable_name(), AskOperand(args, options));
  REFNET_ASSIGN_OR_RETURN(*request.mutable_helper(), PartyFlag(args, options, "helper"));
  request.set_request_id(options.request_id);
  return request;
}

absl::StatusOr<v1::FulfilAskRequest> BuildFulfilAsk(const ParsedArgs& args,
                                                    const GlobalOptions& options) {
  v1::FulfilAskRequest request;
  REFNET_ASSIGN_OR_RETURN(*request.mutable_name(), AskOperand(args, options));
  REFNET_ASSIGN_OR_RETURN(*request.mutable_helper(), PartyFlag(args, options, "helper"));
  v1::Favour& favour = *request.mutable_favour();
  if (std::optional<std::string> kind = args.Value("kind")) {
    REFNET_ASSIGN_OR_RETURN(int parsed, ParseEnumFlag(*v1::FavourKind_descriptor(), *kind, "kind"));
    favour.set_kind(static_cast<v1::FavourKind>(parsed));
  }
  int64_t points = 0;
  REFNET_RETURN_IF_ERROR(args.Int64("points", &points));
  favour.set_value_points(points);
  favour.set_note(args.Value("note").value_or(""));
  REFNET_ASSIGN_OR_RETURN(std::optional<absl::Time> occurred_at, TimeFlag(args, "occurred-at"));
  if (occurred_at.has_value()) SetTimestamp(*occurred_at, favour.mutable_occurred_at());
  request.set_request_id(options.request_id);
  return request;
}

}  // namespace refnet::ctl
