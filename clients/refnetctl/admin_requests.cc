// Firms are named by platform admins; members live under the firm chosen by
// --firm or the token.
#include "clients/refnetctl/admin_requests.h"

#include "absl/strings/str_cat.h"
#include "clients/refnetctl/duration_text.h"
#include "clients/refnetctl/enum_text.h"
#include "clients/refnetctl/request_fields.h"
#include "clients/refnetctl/short_names.h"
#include "services/common/resource_names.h"
#include "services/common/status.h"

namespace refnet::ctl {
namespace {

absl::StatusOr<v1::Role> RoleFlag(const std::string& text) {
  REFNET_ASSIGN_OR_RETURN(int role, ParseEnumFlag(*v1::Role_descriptor(), text, "role"));
  return static_cast<v1::Role>(role);
}

absl::StatusOr<std::string> MemberOperand(const ParsedArgs& args, const GlobalOptions& options) {
  return ExpandChildName(options.firm_id, kMembers, args.positional.at(0), "member");
}

}  // namespace

absl::StatusOr<v1::CreateFirmRequest> BuildCreateFirm(const ParsedArgs& args,
                                                      const GlobalOptions& options) {
  v1::CreateFirmRequest request;
  REFNET_ASSIGN_OR_RETURN(std::string id, NewIdOperand(args));
  if (id.empty()) return UsageError("firms create needs the new firm's id");
  request.set_firm_id(FirmIdOf(id));
  request.mutable_firm()->set_display_name(args.Value("display-name").value_or(""));
  request.set_request_id(options.request_id);
  return request;
}

absl::StatusOr<v1::GetFirmRequest> BuildGetFirm(const ParsedArgs& args,
                                                const GlobalOptions& options) {
  v1::GetFirmRequest request;
  std::string firm = args.positional.empty() ? options.firm_id : args.positional[0];
  REFNET_ASSIGN_OR_RETURN(*request.mutable_name(), FirmParent(firm));
  return request;
}

absl::StatusOr<v1::ListFirmsRequest> BuildListFirms(const ParsedArgs& args,
                                                    const GlobalOptions& /*options*/) {
  v1::ListFirmsRequest request;
  REFNET_RETURN_IF_ERROR(ApplyPaging(args, &request));
  return request;
}

absl::StatusOr<v1::CreateMemberRequest> BuildCreateMember(const ParsedArgs& args,
                                                          const GlobalOptions& options) {
  v1::CreateMemberRequest request;
  REFNET_ASSIGN_OR_RETURN(*request.mutable_parent(), FirmParent(options.firm_id));
  REFNET_ASSIGN_OR_RETURN(*request.mutable_member_id(), NewIdOperand(args));
  v1::Member& member = *request.mutable_member();
  member.set_display_name(args.Value("display-name").value_or(""));
  member.set_email(args.Value("email").value_or(""));
  if (std::optional<std::string> role = args.Value("role")) {
    REFNET_ASSIGN_OR_RETURN(v1::Role value, RoleFlag(*role));
    member.set_role(value);
  }
  // New members may call refnet unless created with --active=false.
  member.set_active(!args.Has("active") || args.Bool("active"));
  request.set_request_id(options.request_id);
  return request;
}

absl::StatusOr<v1::GetMemberRequest> BuildGetMember(const ParsedArgs& args,
                                                    const GlobalOptions& options) {
  v1::GetMemberRequest request;
  REFNET_ASSIGN_OR_RETURN(*request.mutable_name(), MemberOperand(args, options));
  return request;
}

absl::StatusOr<v1::ListMembersRequest> BuildListMembers(const ParsedArgs& args,
                                                        const GlobalOptions& options) {
  v1::ListMembersRequest request;
  REFNET_ASSIGN_OR_RETURN(*request.mutable_parent(), FirmParent(options.firm_id));
  REFNET_RETURN_IF_ERROR(ApplyPaging(args, &request));
  request.set_show_inactive(args.Bool("show-inactive"));
  return request;
}

absl::StatusOr<v1::UpdateMemberRequest> BuildUpdateMember(const ParsedArgs& args,
                                                          const GlobalOptions& options) {
  v1::UpdateMemberRequest request;
  v1::Member& member = *request.mutable_member();
  REFNET_ASSIGN_OR_RETURN(*member.mutable_name(), MemberOperand(args, options));
  google::protobuf::FieldMask& mask = *request.mutable_update_mask();
  SetMasked(args, "display-name", "display_name", &mask,
            [&](const std::string& v) { member.set_display_name(v); });
  SetMasked(args, "email", "email", &mask, [&](const std::string& v) { member.set_email(v); });
  if (std::optional<std::string> role = args.Value("role")) {
    REFNET_ASSIGN_OR_RETURN(v1::Role value, RoleFlag(*role));
    member.set_role(value);
    mask.add_paths("role");
  }
  if (args.Has("active")) {
    member.set_active(args.Bool("active"));
    mask.add_paths("active");
  }
  if (mask.paths().empty()) {
    return UsageError(
        "members update needs at least one of --display-name, --email, --role, "
        "--active");
  }
  member.set_etag(args.Value("etag").value_or(""));
  request.set_request_id(options.request_id);
  return request;
}

absl::StatusOr<v1::IssueTokenRequest> BuildIssueToken(const ParsedArgs& args,
                                                      const GlobalOptions& options) {
  v1::IssueTokenRequest request;
  REFNET_ASSIGN_OR_RETURN(*request.mutable_parent(), FirmParent(options.firm_id));
  REFNET_ASSIGN_OR_RETURN(*request.mutable_member(), MemberOperand(args, options));
  if (std::optional<std::string> text = args.Value("ttl")) {
    REFNET_ASSIGN_OR_RETURN(absl::Duration ttl, ParsePositiveDuration(*text, "ttl"));
    if (ttl % absl::Seconds(1) != absl::ZeroDuration()) {
      return UsageError("--ttl must be a whole number of seconds");
    }
    request.mutable_ttl()->set_seconds(absl::ToInt64Seconds(ttl));
  }
  request.set_request_id(options.request_id);
  return request;
}

void PrintIssuedToken(const v1::IssueTokenResponse& response, std::ostream& out) {
  out << response.token() << "\n";
}

}  // namespace refnet::ctl
