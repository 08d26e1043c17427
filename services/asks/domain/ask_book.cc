// Posting, closing, routing and fulfilling asks; suggestions are in
// helper_finder.cc, the scoring in matching.cc.
#include "services/asks/domain/ask_book.h"

#include "absl/strings/str_cat.h"
#include "services/asks/domain/matching.h"
#include "services/common/status.h"

namespace refnet::asks {
namespace {

std::string AskName(const Ask& ask) {
  return absl::StrCat("firms/", ask.firm_id, "/asks/", ask.id);
}

std::string PartyName(const std::string& firm_id, const std::string& key) {
  return absl::StrCat("firms/", firm_id, "/", key);
}

}  // namespace

const char* StateName(AskState state) {
  switch (state) {
    case AskState::kOpen:
      return "open";
    case AskState::kFulfilled:
      return "fulfilled";
    case AskState::kClosed:
      return "closed";
  }
  return "unknown";
}

absl::Status AskBook::RequireOpen(const Ask& ask) {
  if (ask.state == AskState::kOpen) return absl::OkStatus();
  return absl::FailedPreconditionError(
      absl::StrCat("name: ", AskName(ask), " is ", StateName(ask.state), ", not open"));
}

absl::Status AskBook::CheckBudget(storage::Tx& tx, const Ask& draft) {
  REFNET_ASSIGN_OR_RETURN(admin::FirmSettings settings, tx.Admin().GetSettings(draft.firm_id));
  REFNET_ASSIGN_OR_RETURN(ledger::PartyTotals totals,
                          tx.Ledger().GetTotals(draft.firm_id, draft.asker));
  REFNET_ASSIGN_OR_RETURN(int64_t open, tx.Asks().CountOpenAsks(draft.firm_id, draft.asker));
  int64_t given = std::max<int64_t>(totals.given_points, 0);
  int64_t budget = settings.AskBudget(given);
  if (open < budget) return absl::OkStatus();
  // The points that lift the budget above the open asks.
  int64_t per_ask = settings.ask_budget_points_per_ask;
  int64_t needed = (open - settings.ask_budget_base + 1) * per_ask - given;
  return absl::ResourceExhaustedError(
      absl::StrCat("ask.asker: ", PartyName(draft.firm_id, draft.asker), " has ", open,
                   " open asks and an ask budget of ", budget, " (", settings.ask_budget_base,
                   " plus one per ", per_ask, " points given; it has given ", given, "); give ",
                   std::max<int64_t>(needed, 1), " more points or close an ask to post another"));
}

absl::StatusOr<Ask> AskBook::CreateAsk(storage::Tx& tx, Ask draft) {
  REFNET_RETURN_IF_ERROR(ledger::Ledger::RequireParty(tx, draft.firm_id, draft.asker, "ask.asker"));
  absl::Time now = clock_.Now();
  if (draft.due_time && *draft.due_time < now) {
    return FieldError("ask.due_time", "is in the past");
  }
  REFNET_RETURN_IF_ERROR(CheckBudget(tx, draft));
  draft.id = ids_.NewId();
  draft.state = AskState::kOpen;
  draft.fulfilled_by.clear();
  draft.favour.clear();
  draft.routes.clear();
  draft.create_time = draft.update_time = now;
  draft.version = 1;
  REFNET_RETURN_IF_ERROR(tx.Asks().InsertAsk(draft));
  return draft;
}

absl::StatusOr<Ask> AskBook::GetAsk(storage::Tx& tx, const std::string& firm_id,
                                    const std::string& ask_id) {
  return NotFoundIn(tx.Asks().GetAsk(firm_id, ask_id), "name");
}

absl::StatusOr<Ask> AskBook::CloseAsk(storage::Tx& tx, Ask ask) {
  REFNET_RETURN_IF_ERROR(RequireOpen(ask));
  ask.state = AskState::kClosed;
  ask.update_time = clock_.Now();
  ++ask.version;
  REFNET_RETURN_IF_ERROR(tx.Asks().UpdateAsk(ask));
  return ask;
}

absl::StatusOr<Ask> AskBook::RouteAsk(storage::Tx& tx, Ask ask, const std::string& helper,
                                      const std::string& routed_by) {
  REFNET_RETURN_IF_ERROR(RequireOpen(ask));
  if (helper == ask.asker) return FieldError("helper", "must not be the asker");
  REFNET_RETURN_IF_ERROR(ledger::Ledger::RequireParty(tx, ask.firm_id, helper, "helper"));
  std::string helper_name = PartyName(ask.firm_id, helper);
  for (const Route& route : ask.routes) {
    if (route.helper == helper) {
      return absl::FailedPreconditionError(
          absl::StrCat("helper: ", AskName(ask), " was already routed to ", helper_name));
    }
  }
  if (ask.routes.size() >= kRoutesPerAskMax) {
    return absl::FailedPreconditionError(absl::StrCat(
        "name: ", AskName(ask), " was already routed to ", kRoutesPerAskMax, " helpers"));
  }
  REFNET_ASSIGN_OR_RETURN(admin::FirmSettings settings, tx.Admin().GetSettings(ask.firm_id));
  absl::Time now = clock_.Now();
  absl::Time week = WeekStart(now);
  REFNET_ASSIGN_OR_RETURN(int64_t routed, tx.Asks().CountRoutesSince(ask.firm_id, helper, week));
  if (routed >= settings.ask_weekly_cap) {
    return absl::FailedPreconditionError(absl::StrCat(
        "helper: ", helper_name, " already had ", routed,
        " asks routed this week, the firm's weekly cap of ", settings.ask_weekly_cap,
        "; the week ends ",
        absl::FormatTime(absl::RFC3339_sec, week + absl::Hours(24 * 7), absl::UTCTimeZone())));
  }
  Route route{ask.firm_id, ask.id, helper, now, routed_by, 0};
  REFNET_RETURN_IF_ERROR(tx.Asks().InsertRoute(route));
  ask.routes.push_back(std::move(route));
  ask.update_time = now;
  ++ask.version;
  REFNET_RETURN_IF_ERROR(tx.Asks().UpdateAsk(ask));
  return ask;
}

absl::StatusOr<Fulfilled> AskBook::FulfilAsk(storage::Tx& tx, Ask ask, ledger::Favour favour) {
  REFNET_RETURN_IF_ERROR(RequireOpen(ask));
  if (favour.giver == ask.asker) return FieldError("helper", "must not be the asker");
  REFNET_RETURN_IF_ERROR(ledger::Ledger::RequireParty(tx, ask.firm_id, favour.giver, "helper"));
  favour.receiver = ask.asker;
  favour.ask = AskName(ask);
  Fulfilled done;
  REFNET_ASSIGN_OR_RETURN(done.recorded, ledger_.RecordFavour(tx, std::move(favour)));
  ask.state = AskState::kFulfilled;
  ask.fulfilled_by = done.recorded.favour.giver;
  ask.favour = done.recorded.favour.id;
  ask.update_time = clock_.Now();
  ++ask.version;
  REFNET_RETURN_IF_ERROR(tx.Asks().UpdateAsk(ask));
  done.ask = std::move(ask);
  return done;
}

}  // namespace refnet::asks
