// `refnetctl asks …`: AskService.
#include "clients/refnetctl/ask_requests.h"
#include "clients/refnetctl/command.h"
#include "clients/refnetctl/rpc.h"
#include "clients/refnetctl/usage.h"
#include "refnet/v1/ask_service.grpc.pb.h"

namespace refnet::ctl {
namespace {

using Stub = v1::AskService::Stub;

constexpr const char kAskOperand[] = "ID";

}  // namespace

std::vector<Command> AskCommands() {
  return {
      {.group = "asks",
       .verb = "create",
       .summary = "post an ask, within the asker's budget earned by giving",
       .notes = kPartyRule,
       .flags = {{"asker", FlagKind::kValue, "PARTY", "who asks (required)"},
                 {"need", FlagKind::kValue, "TEXT", "what is needed (required)"},
                 {"tag", FlagKind::kRepeated, "TAG", "a tag helpers may share (repeatable)"},
                 {"due", FlagKind::kValue, "TIME", "when it is needed by"}},
       .run = RunUnary<BuildCreateAsk, &Stub::CreateAsk>},
      {.group = "asks",
       .verb = "get",
       .operands = kAskOperand,
       .summary = "show an ask and where it was routed",
       .positional_min = 1,
       .positional_max = 1,
       .run = RunUnary<BuildGetAsk, &Stub::GetAsk>},
      {.group = "asks",
       .verb = "list",
       .summary = "list asks in posted order",
       .notes = kPartyRule,
       .flags = WithPaging({
           {"state", FlagKind::kValue, "STATE", "open, fulfilled or closed"},
           {"asker", FlagKind::kValue, "PARTY", "only asks of this party"},
           {"tag", FlagKind::kValue, "TAG", "only asks with this tag"},
       }),
       .run = RunList<BuildListAsks, &Stub::ListAsks>},
      {.group = "asks",
       .verb = "close",
       .operands = kAskOperand,
       .summary = "close an open ask",
       .positional_min = 1,
       .positional_max = 1,
       .run = RunUnary<BuildCloseAsk, &Stub::CloseAsk>},
      {.group = "asks",
       .verb = "suggest",
       .operands = kAskOperand,
       .summary = "who could help, ranked, with the reasons",
       .flags = {{"limit", FlagKind::kValue, "N", "suggestions to show"}},
       .positional_min = 1,
       .positional_max = 1,
       .run = RunUnary<BuildSuggestHelpers, &Stub::SuggestHelpers>},
      {.group = "asks",
       .verb = "route",
       .operands = kAskOperand,
       .summary = "put the ask to a helper (counts toward the helper's weekly cap)",
       .notes = kPartyRule,
       .flags = {{"helper", FlagKind::kValue, "PARTY", "whom to ask (required)"}},
       .positional_min = 1,
       .positional_max = 1,
       .run = RunUnary<BuildRouteAsk, &Stub::RouteAsk>},
      {.group = "asks",
       .verb = "fulfil",
       .operands = kAskOperand,
       .summary = "record the helper's favour to the asker and mark the ask fulfilled",
       .notes = kPartyRule,
       .flags = {{"helper", FlagKind::kValue, "PARTY", "who helped (required)"},
                 {"kind", FlagKind::kValue, "KIND", "the favour's kind (required)"},
                 {"points", FlagKind::kValue, "N", "value (default: the firm's for the kind)"},
                 {"note", FlagKind::kValue, "TEXT", "free-form note"},
                 {"occurred-at", FlagKind::kValue, "TIME", "when it happened (default: now)"}},
       .positional_min = 1,
       .positional_max = 1,
       .run = RunUnary<BuildFulfilAsk, &Stub::FulfilAsk>},
  };
}

}  // namespace refnet::ctl
