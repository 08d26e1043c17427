// Members and contacts may be given as short ids; required fields that are
// missing are left for the server to name precisely.
#include "clients/refnetctl/graph_requests.h"

#include <optional>
#include <string>

#include "absl/strings/str_cat.h"
#include "clients/refnetctl/enum_text.h"
#include "clients/refnetctl/request_fields.h"
#include "clients/refnetctl/short_names.h"
#include "clients/refnetctl/time_flags.h"
#include "services/common/resource_names.h"
#include "services/common/status.h"

namespace refnet::ctl {
namespace {

// Expands the flag's value into a resource name; empty when the flag is absent.
absl::StatusOr<std::string> NameFlag(const ParsedArgs& args, const GlobalOptions& options,
                                     absl::string_view flag, absl::string_view collection) {
  std::optional<std::string> value = args.Value(flag);
  if (!value.has_value()) return std::string();
  return ExpandChildName(options.firm_id, collection, *value, absl::StrCat("--", flag));
}

// The --member flag, or the caller when it is absent.
absl::StatusOr<std::string> MemberOrCaller(const ParsedArgs& args, const GlobalOptions& options) {
  if (args.Has("member") || options.caller_member_id.empty()) {
    return NameFlag(args, options, "member", kMembers);
  }
  return ExpandChildName(options.firm_id, kMembers, options.caller_member_id, "the caller");
}

}  // namespace

absl::StatusOr<v1::SetRelationshipRequest> BuildSetRelationship(const ParsedArgs& args,
                                                                const GlobalOptions& options) {
  v1::SetRelationshipRequest request;
  REFNET_ASSIGN_OR_RETURN(*request.mutable_parent(), FirmParent(options.firm_id));
  v1::Relationship& relationship = *request.mutable_relationship();
  REFNET_ASSIGN_OR_RETURN(*relationship.mutable_member(), MemberOrCaller(args, options));
  REFNET_ASSIGN_OR_RETURN(*relationship.mutable_contact(),
                          NameFlag(args, options, "contact", kContacts));
  int32_t strength = 0;
  REFNET_RETURN_IF_ERROR(args.Int32("strength", &strength));
  relationship.set_strength(strength);
  relationship.set_how_met(args.Value("how-met").value_or(""));
  REFNET_ASSIGN_OR_RETURN(*relationship.mutable_met_through(),
                          NameFlag(args, options, "met-through", kContacts));
  relationship.set_key(args.Bool("key"));
  request.set_request_id(options.request_id);
  return request;
}

absl::StatusOr<v1::ListRelationshipsRequest> BuildListRelationships(const ParsedArgs& args,
                                                                    const GlobalOptions& options) {
  v1::ListRelationshipsRequest request;
  REFNET_ASSIGN_OR_RETURN(*request.mutable_parent(), FirmParent(options.firm_id));
  REFNET_ASSIGN_OR_RETURN(*request.mutable_member(), NameFlag(args, options, "member", kMembers));
  REFNET_ASSIGN_OR_RETURN(*request.mutable_contact(),
                          NameFlag(args, options, "contact", kContacts));
  request.set_key_only(args.Bool("key-only"));
  REFNET_RETURN_IF_ERROR(ApplyPaging(args, &request));
  return request;
}

absl::StatusOr<v1::LogInteractionRequest> BuildLogInteraction(const ParsedArgs& args,
                                                              const GlobalOptions& options) {
  v1::LogInteractionRequest request;
  REFNET_ASSIGN_OR_RETURN(*request.mutable_parent(), FirmParent(options.firm_id));
  v1::Interaction& interaction = *request.mutable_interaction();
  REFNET_ASSIGN_OR_RETURN(*interaction.mutable_member(), MemberOrCaller(args, options));
  REFNET_ASSIGN_OR_RETURN(*interaction.mutable_contact(),
                          NameFlag(args, options, "contact", kContacts));
  if (std::optional<std::string> kind = args.Value("kind")) {
    REFNET_ASSIGN_OR_RETURN(int value,
                            ParseEnumFlag(*v1::InteractionKind_descriptor(), *kind, "kind"));
    interaction.set_kind(static_cast<v1::InteractionKind>(value));
  }
  REFNET_ASSIGN_OR_RETURN(std::optional<absl::Time> occurred_at, TimeFlag(args, "occurred-at"));
  if (occurred_at.has_value()) SetTimestamp(*occurred_at, interaction.mutable_occurred_at());
  interaction.set_event_name(args.Value("event-name").value_or(""));
  interaction.set_note(args.Value("note").value_or(""));
  request.set_request_id(options.request_id);
  return request;
}

absl::StatusOr<v1::ListInteractionsRequest> BuildListInteractions(const ParsedArgs& args,
                                                                  const GlobalOptions& options) {
  v1::ListInteractionsRequest request;
  REFNET_ASSIGN_OR_RETURN(*request.mutable_parent(), FirmParent(options.firm_id));
  REFNET_ASSIGN_OR_RETURN(*request.mutable_member(), NameFlag(args, options, "member", kMembers));
  REFNET_ASSIGN_OR_RETURN(*request.mutable_contact(),
                          NameFlag(args, options, "contact", kContacts));
  REFNET_RETURN_IF_ERROR(ApplyPaging(args, &request));
  return request;
}

absl::StatusOr<v1::ConnectContactsRequest> BuildConnectContacts(const ParsedArgs& args,
                                                                const GlobalOptions& options) {
  v1::ConnectContactsRequest request;
  REFNET_ASSIGN_OR_RETURN(*request.mutable_parent(), FirmParent(options.firm_id));
  REFNET_ASSIGN_OR_RETURN(
      *request.mutable_contact(),
      ExpandChildName(options.firm_id, kContacts, args.positional.at(0), "contact"));
  REFNET_ASSIGN_OR_RETURN(
      *request.mutable_other(),
      ExpandChildName(options.firm_id, kContacts, args.positional.at(1), "other contact"));
  request.set_note(args.Value("note").value_or(""));
  request.set_request_id(options.request_id);
  return request;
}

absl::StatusOr<v1::ListConnectionsRequest> BuildListConnections(const ParsedArgs& args,
                                                                const GlobalOptions& options) {
  v1::ListConnectionsRequest request;
  REFNET_ASSIGN_OR_RETURN(*request.mutable_parent(), FirmParent(options.firm_id));
  REFNET_ASSIGN_OR_RETURN(*request.mutable_contact(),
                          NameFlag(args, options, "contact", kContacts));
  REFNET_RETURN_IF_ERROR(ApplyPaging(args, &request));
  return request;
}

}  // namespace refnet::ctl
