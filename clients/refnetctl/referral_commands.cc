// `refnetctl referrals …`: ReferralService.
#include "clients/refnetctl/command.h"
#include "clients/refnetctl/referral_requests.h"
#include "clients/refnetctl/rpc.h"
#include "clients/refnetctl/usage.h"
#include "refnet/v1/referral_service.grpc.pb.h"

namespace refnet::ctl {
namespace {

using Stub = v1::ReferralService::Stub;

constexpr const char kStages[] =
    "offered, accepted, contacted, meeting, won, lost, declined or withdrawn";

std::vector<FlagSpec> CreateFlags() {
  return {
      {"referrer", FlagKind::kValue, "PARTY", "who passes the lead (required)"},
      {"recipient", FlagKind::kValue, "PARTY", "who receives it (required)"},
      {"prospect", FlagKind::kValue, "CONTACT", "the contact the lead is about"},
      {"prospect-text", FlagKind::kValue, "TEXT", "or a described person or company"},
      {"need", FlagKind::kValue, "TEXT", "what the prospect needs (required)"},
      {"warmth", FlagKind::kValue, "1..5",
       "1 a name and a number … 5 an in-person introduction (required)"},
      {"estimated", FlagKind::kValue, "CUR:AMOUNT", "what it may be worth, e.g. EUR:12500"},
      {"confidential", FlagKind::kBool, "", "amounts only for the two parties and admins"},
      {"offered-at", FlagKind::kValue, "TIME", "when it was offered (default: now)"},
  };
}

}  // namespace

std::vector<Command> ReferralCommands() {
  return {
      {.group = "referrals",
       .verb = "create",
       .summary = "offer a referral; records a referral favour",
       .notes = kPartyRule,
       .flags = CreateFlags(),
       .run = RunUnary<BuildCreateReferral, &Stub::CreateReferral>},
      {.group = "referrals",
       .verb = "get",
       .operands = "ID",
       .summary = "show a referral and its history",
       .positional_min = 1,
       .positional_max = 1,
       .run = RunUnary<BuildGetReferral, &Stub::GetReferral>},
      {.group = "referrals",
       .verb = "list",
       .summary = "list referrals in created order",
       .notes = kPartyRule,
       .flags = WithPaging({
           {"referrer", FlagKind::kValue, "PARTY", "only referrals from this party"},
           {"recipient", FlagKind::kValue, "PARTY", "only referrals to this party"},
           {"prospect", FlagKind::kValue, "CONTACT", "only referrals about this contact"},
           {"stage", FlagKind::kValue, "STAGE", kStages},
           {"status", FlagKind::kValue, "open|closed", "only open or only closed referrals"},
       }),
       .run = RunList<BuildListReferrals, &Stub::ListReferrals>},
      {.group = "referrals",
       .verb = "move",
       .operands = "ID STAGE",
       .summary = "move a referral to its next stage",
       .notes = "STAGE is one of offered, accepted, contacted, meeting, won, lost, declined, "
                "withdrawn; won needs --closed.",
       .flags = {{"note", FlagKind::kValue, "TEXT", "why, kept in the history"},
                 {"closed", FlagKind::kValue, "CUR:AMOUNT", "the closed value (with won)"},
                 {"etag", FlagKind::kValue, "ETAG", "refuse the move if the referral moved on"},
                 {"at", FlagKind::kValue, "TIME", "when the move happened (default: now)"}},
       .positional_min = 2,
       .positional_max = 2,
       .run = RunUnary<BuildMoveReferral, &Stub::MoveReferral>},
      {.group = "referrals",
       .verb = "report",
       .summary = "referrals given and received, conversion, closed value, time in stage",
       .notes = kPartyRule,
       .flags = {{"party", FlagKind::kValue, "PARTY", "one party (default: the whole firm)"},
                 {"since", FlagKind::kValue, "TIME", "only referrals offered at or after"},
                 {"until", FlagKind::kValue, "TIME", "only referrals offered before"}},
       .run = RunUnary<BuildGetReferralReport, &Stub::GetReferralReport>},
  };
}

}  // namespace refnet::ctl
