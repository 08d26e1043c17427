// `refnetctl firms …` and `refnetctl members …`: AdminService.
#include "clients/refnetctl/admin_requests.h"
#include "clients/refnetctl/command.h"
#include "clients/refnetctl/rpc.h"
#include "refnet/v1/admin_service.grpc.pb.h"

namespace refnet::ctl {
namespace {

using Stub = v1::AdminService::Stub;

const FlagSpec kIdFlag = {"id", FlagKind::kValue, "ID", "id of the new resource"};
const FlagSpec kDisplayNameFlag = {"display-name", FlagKind::kValue, "NAME", "human-readable name"};
const FlagSpec kEmailFlag = {"email", FlagKind::kValue, "EMAIL", "work email, unique in the firm"};
const FlagSpec kRoleFlag = {"role", FlagKind::kValue, "ROLE", "admin, member or service"};
const FlagSpec kActiveFlag = {"active", FlagKind::kBool, "", "whether the member may call refnet"};

}  // namespace

std::vector<Command> AdminCommands() {
  return {
      {.group = "firms",
       .verb = "create",
       .operands = "[ID]",
       .summary = "create a firm (platform admins)",
       .flags = {kIdFlag, kDisplayNameFlag},
       .positional_max = 1,
       .run = RunUnary<BuildCreateFirm, &Stub::CreateFirm>},
      {.group = "firms",
       .verb = "get",
       .operands = "[ID_OR_NAME]",
       .summary = "show a firm (platform admins; default: --firm)",
       .positional_max = 1,
       .run = RunUnary<BuildGetFirm, &Stub::GetFirm>},
      {.group = "firms",
       .verb = "list",
       .summary = "list firms (platform admins)",
       .flags = WithPaging({}),
       .run = RunList<BuildListFirms, &Stub::ListFirms>},
      {.group = "members",
       .verb = "create",
       .operands = "[ID]",
       .summary = "add a member to the firm",
       .flags = {kIdFlag, kDisplayNameFlag, kEmailFlag, kRoleFlag, kActiveFlag},
       .positional_max = 1,
       .run = RunUnary<BuildCreateMember, &Stub::CreateMember>},
      {.group = "members",
       .verb = "get",
       .operands = "ID_OR_NAME",
       .summary = "show a member",
       .positional_min = 1,
       .positional_max = 1,
       .run = RunUnary<BuildGetMember, &Stub::GetMember>},
      {.group = "members",
       .verb = "list",
       .summary = "list the firm's members",
       .flags = WithPaging({{"show-inactive", FlagKind::kBool, "", "include inactive members"}}),
       .run = RunList<BuildListMembers, &Stub::ListMembers>},
      {.group = "members",
       .verb = "update",
       .operands = "ID_OR_NAME",
       .summary = "change the fields whose flags are given",
       .flags = {kDisplayNameFlag,
                 kEmailFlag,
                 kRoleFlag,
                 kActiveFlag,
                 {"etag", FlagKind::kValue, "ETAG", "refuse the change if the member moved on"}},
       .positional_min = 1,
       .positional_max = 1,
       .run = RunUnary<BuildUpdateMember, &Stub::UpdateMember>},
      {.group = "tokens",
       .verb = "issue",
       .operands = "ID_OR_NAME",
       .summary = "print a bearer token the server issues for a member",
       .notes = "Firm admins issue tokens for members and service accounts, platform admins for\n"
                "firm admins. The role is the member's own. --json shows the expiry and key id.",
       .flags = {{"ttl", FlagKind::kValue, "DURATION",
                  "lifetime such as 30m, 8h, 30d (default 1h; capped by the server)"}},
       .positional_min = 1,
       .positional_max = 1,
       .run = RunUnary<BuildIssueToken, &Stub::IssueToken,
                       &PrintText<v1::IssueTokenResponse, &PrintIssuedToken>>},
  };
}

}  // namespace refnet::ctl
