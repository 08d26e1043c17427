// `refnetctl relationships|interactions|connections …`: the graph methods
// of ContactService.
#include "clients/refnetctl/command.h"
#include "clients/refnetctl/graph_requests.h"
#include "clients/refnetctl/rpc.h"
#include "refnet/v1/contact_service.grpc.pb.h"

namespace refnet::ctl {
namespace {

using Stub = v1::ContactService::Stub;

constexpr FlagSpec kMemberFlag = {"member", FlagKind::kValue, "MEMBER",
                                  "member id or name (default for writes: the caller)"};
constexpr FlagSpec kContactFlag = {"contact", FlagKind::kValue, "CONTACT", "contact id or name"};

}  // namespace

std::vector<Command> GraphCommands() {
  return {
      {.group = "relationships",
       .verb = "set",
       .summary = "record how well a member knows a contact",
       .flags = {kMemberFlag,
                 kContactFlag,
                 {"strength", FlagKind::kValue, "1..5", "1 (barely) to 5 (close)"},
                 {"how-met", FlagKind::kValue, "TEXT", "how they met"},
                 {"met-through", FlagKind::kValue, "CONTACT", "the contact who introduced them"},
                 {"key", FlagKind::kBool, "", "one of the member's key relationships"}},
       .run = RunUnary<BuildSetRelationship, &Stub::SetRelationship>},
      {.group = "relationships",
       .verb = "list",
       .summary = "list relationships",
       .flags = WithPaging({kMemberFlag,
                            kContactFlag,
                            {"key-only", FlagKind::kBool, "", "only key relationships"}}),
       .run = RunList<BuildListRelationships, &Stub::ListRelationships>},
      {.group = "interactions",
       .verb = "log",
       .summary = "record a touchpoint with a contact",
       .flags = {kMemberFlag,
                 kContactFlag,
                 {"kind", FlagKind::kValue, "KIND", "meeting, call, email, event or message"},
                 {"occurred-at", FlagKind::kValue, "TIME", "RFC 3339 time or date (default: now)"},
                 {"event-name", FlagKind::kValue, "NAME", "the event, for kind event"},
                 {"note", FlagKind::kValue, "TEXT", "free-form note"}},
       .run = RunUnary<BuildLogInteraction, &Stub::LogInteraction>},
      {.group = "interactions",
       .verb = "list",
       .summary = "list interactions",
       .flags = WithPaging({kMemberFlag, kContactFlag}),
       .run = RunList<BuildListInteractions, &Stub::ListInteractions>},
      {.group = "connections",
       .verb = "create",
       .operands = "CONTACT OTHER",
       .summary = "record that two contacts know each other",
       .flags = {{"note", FlagKind::kValue, "TEXT", "how they know each other"}},
       .positional_min = 2,
       .positional_max = 2,
       .run = RunUnary<BuildConnectContacts, &Stub::ConnectContacts>},
      {.group = "connections",
       .verb = "list",
       .summary = "list connections of a contact or the firm",
       .flags = WithPaging({kContactFlag}),
       .run = RunList<BuildListConnections, &Stub::ListConnections>},
  };
}

}  // namespace refnet::ctl
