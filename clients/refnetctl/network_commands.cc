// `refnetctl network …`: NetworkService.
#include "clients/refnetctl/command.h"
#include "clients/refnetctl/network_requests.h"
#include "clients/refnetctl/rpc.h"
#include "refnet/v1/network_service.grpc.pb.h"

namespace refnet::ctl {
namespace {

using Stub = v1::NetworkService::Stub;

}  // namespace

std::vector<Command> NetworkCommands() {
  return {
      {.group = "network",
       .verb = "paths",
       .summary = "warm introduction paths to a contact or an organization, each hop explained",
       .flags = {{"contact", FlagKind::kValue, "CONTACT", "the contact to reach"},
                 {"organization", FlagKind::kValue, "ORG", "anyone at this organization"},
                 {"from", FlagKind::kValue, "MEMBER", "whose paths (default: you)"},
                 {"max-hops", FlagKind::kValue, "N", "hops in a path, 1 to 4 (default 4)"},
                 {"limit", FlagKind::kValue, "N", "paths to show (default 5)"},
                 {"as-of", FlagKind::kValue, "TIME", "measure recency from (default: now)"}},
       .run = RunUnary<BuildFindIntroPaths, &Stub::FindIntroPaths>},
      {.group = "network",
       .verb = "introductions",
       .summary = "contacts to introduce: one offers what another needs",
       .flags = {{"member", FlagKind::kValue, "MEMBER",
                  "among this member's contacts (default: you)"},
                 {"whole-firm", FlagKind::kBool, "", "among all the firm's contacts (admins)"},
                 {"limit", FlagKind::kValue, "N", "introductions to show (default 10)"}},
       .run = RunUnary<BuildSuggestIntroductions, &Stub::SuggestIntroductions>},
      {.group = "network",
       .verb = "loops",
       .summary = "pay-it-forward loops: favours that left the firm and came back",
       .flags = {{"member", FlagKind::kValue, "MEMBER",
                  "loops that start with this member's giving"},
                 {"max-length", FlagKind::kValue, "N", "favours in a loop, 3 to 6 (default 4)"},
                 {"limit", FlagKind::kValue, "N", "loops to show (default 20)"}},
       .run = RunUnary<BuildFindReciprocityLoops, &Stub::FindReciprocityLoops>},
      {.group = "network",
       .verb = "netting",
       .summary = "the fewest give-back moves that settle the firm's balances",
       .flags = {{"limit", FlagKind::kValue, "N", "moves to show (default 100)"}},
       .run = RunUnary<BuildSuggestNetting, &Stub::SuggestNetting>},
      {.group = "network",
       .verb = "key-person-risk",
       .summary = "favours owed to the firm by contacts only one member knows",
       .flags = {{"member", FlagKind::kValue, "MEMBER", "only this member's exposure"},
                 {"contacts", FlagKind::kValue, "N", "contacts listed per member (default 10)"}},
       .run = RunUnary<BuildGetKeyPersonRisk, &Stub::GetKeyPersonRisk>},
  };
}

}  // namespace refnet::ctl
