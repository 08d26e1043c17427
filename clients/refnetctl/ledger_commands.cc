// `refnetctl favours|balances|standing …`: LedgerService.
#include "clients/refnetctl/balance_requests.h"
#include "clients/refnetctl/command.h"
#include "clients/refnetctl/favour_requests.h"
#include "clients/refnetctl/ledger_printer.h"
#include "clients/refnetctl/rpc.h"
#include "clients/refnetctl/usage.h"
#include "refnet/v1/ledger_service.grpc.pb.h"

namespace refnet::ctl {
namespace {

using Stub = v1::LedgerService::Stub;

constexpr FlagSpec kKindFlag = {"kind", FlagKind::kValue, "KIND",
                                "introduction, lead, referral, closed-business, information, "
                                "invitation, feedback, advice or other"};

std::vector<FlagSpec> RecordFlags() {
  return {
      {"giver", FlagKind::kValue, "PARTY", "who gave: members/ID, contacts/ID or a full name"},
      {"receiver", FlagKind::kValue, "PARTY",
       "who received: members/ID, contacts/ID or a full name"},
      kKindFlag,
      {"points", FlagKind::kValue, "N", "value in points (default: the firm's value for the kind)"},
      {"occurred-at", FlagKind::kValue, "TIME", "RFC 3339 time or date (default: now)"},
      {"note", FlagKind::kValue, "TEXT", "free-form note"},
      {"referral", FlagKind::kValue, "REFERRAL", "the referral it belongs to (id or name)"},
      {"ask", FlagKind::kValue, "ASK", "the ask it fulfilled (id or name)"},
      {"introduced", FlagKind::kValue, "PARTY", "for introductions: whom the receiver met"},
  };
}

std::vector<FlagSpec> ListFlags() {
  return WithPaging({
      {"party", FlagKind::kValue, "PARTY", "only favours this party gave or received"},
      {"counterparty", FlagKind::kValue, "PARTY", "with --party: only favours between the two"},
      {"kind", FlagKind::kValue, "KIND", "only favours of this kind"},
      {"since", FlagKind::kValue, "TIME", "only favours that occurred at or after this time"},
      {"until", FlagKind::kValue, "TIME", "only favours that occurred before this time"},
  });
}

constexpr auto kPrintBalance = &PrintText<v1::Balance, PrintBalanceText>;
constexpr auto kPrintFavours = &PrintText<v1::ListFavoursResponse, PrintFavourListText>;
constexpr auto kPrintExplanation = &PrintText<v1::ExplainBalanceResponse, PrintExplanationText>;
constexpr auto kPrintTop = &PrintText<v1::ListTopBalancesResponse, PrintTopBalancesText>;
constexpr auto kPrintStanding = &PrintText<v1::Standing, PrintStandingText>;

}  // namespace

std::vector<Command> LedgerCommands() {
  return {
      {.group = "favours",
       .verb = "record",
       .summary = "record a favour one party did another",
       .notes = kPartyRule,
       .flags = RecordFlags(),
       .run = RunUnary<BuildRecordFavour, &Stub::RecordFavour>},
      {.group = "favours",
       .verb = "get",
       .operands = "ID",
       .summary = "show a favour",
       .positional_min = 1,
       .positional_max = 1,
       .run = RunUnary<BuildGetFavour, &Stub::GetFavour>},
      {.group = "favours",
       .verb = "list",
       .summary = "list favours in recorded order",
       .notes = kPartyRule,
       .flags = ListFlags(),
       .run = RunList<BuildListFavours, &Stub::ListFavours, kPrintFavours>},
      {.group = "favours",
       .verb = "void",
       .operands = "ID",
       .summary = "void a favour by recording its reversal",
       .flags = {{"reason", FlagKind::kValue, "TEXT", "why it is voided (required)"}},
       .positional_min = 1,
       .positional_max = 1,
       .run = RunUnary<BuildVoidFavour, &Stub::VoidFavour>},
      {.group = "balances",
       .verb = "get",
       .operands = "PARTY COUNTERPARTY",
       .summary = "show who owes whom between two parties",
       .notes = kPartyRule,
       .positional_min = 2,
       .positional_max = 2,
       .run = RunUnary<BuildGetBalance, &Stub::GetBalance, kPrintBalance>},
      {.group = "balances",
       .verb = "list",
       .operands = "PARTY",
       .summary = "list a party's balances, most owed first",
       .notes = kPartyRule,
       .flags = WithPaging({{"direction", FlagKind::kValue, "DIRECTION",
                             "owed-to-party or owed-by-party (default: both)"}}),
       .positional_min = 1,
       .positional_max = 1,
       .run = RunList<BuildListBalances, &Stub::ListBalances>},
      {.group = "balances",
       .verb = "explain",
       .operands = "PARTY COUNTERPARTY",
       .summary = "show the favours behind a balance",
       .notes = kPartyRule,
       .flags = WithPaging({}),
       .positional_min = 2,
       .positional_max = 2,
       .run = RunList<BuildExplainBalance, &Stub::ExplainBalance, kPrintExplanation>},
      {.group = "balances",
       .verb = "top",
       .summary = "contacts who owe the firm most, and whom it owes",
       .flags = {{"limit", FlagKind::kValue, "N", "rows on each side (default 10, max 100)"}},
       .run = RunUnary<BuildListTopBalances, &Stub::ListTopBalances, kPrintTop>},
      {.group = "standing",
       .operands = "PARTY",
       .summary = "a party's karma and relationship health",
       .notes = kPartyRule,
       .positional_min = 1,
       .positional_max = 1,
       .run = RunUnary<BuildGetStanding, &Stub::GetStanding, kPrintStanding>},
  };
}

}  // namespace refnet::ctl
