// Handlers for suggesting helpers, routing an ask and fulfilling it.
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "services/asks/transport/ask_convert.h"
#include "services/asks/transport/ask_grpc.h"
#include "services/common/rpc/access.h"
#include "services/common/rpc/idempotent_write.h"
#include "services/common/status.h"
#include "services/ledger/transport/ledger_convert.h"

namespace refnet::asks {

using auth::Principal;
using auth::Role;
namespace v1 = ::refnet::v1;

namespace {

absl::StatusOr<int32_t> ResolveSuggestionCount(int32_t page_size) {
  if (page_size < 0) return FieldError("page_size", "must not be negative");
  if (page_size == 0) return AskBook::kSuggestionsDefault;
  return std::min(page_size, AskBook::kSuggestionsMax);
}

// The favour that fulfils `ask`: the request's favour from `helper` to the
// asker, linked to the ask. The caller may not set the parties or the link.
absl::StatusOr<ledger::Favour> FulfilFavour(const v1::FulfilAskRequest& request, const Ask& ask,
                                            const std::string& helper) {
  v1::Favour favour = request.favour();
  if (!favour.giver().empty()) return FieldError("favour.giver", "is the helper; leave it empty");
  if (!favour.receiver().empty()) {
    return FieldError("favour.receiver", "is the asker; leave it empty");
  }
  if (!favour.ask().empty()) return FieldError("favour.ask", "is this ask; leave it empty");
  if (!favour.referral().empty()) {
    return FieldError("favour.referral", "is not set on a favour that fulfils an ask");
  }
  favour.set_giver(ledger::PartyName(ask.firm_id, helper));
  favour.set_receiver(ledger::PartyName(ask.firm_id, ask.asker));
  favour.set_ask(absl::StrCat("firms/", ask.firm_id, "/asks/", ask.id));
  return ledger::FavourFromProto(favour, ask.firm_id);
}

}  // namespace

grpc::ServerUnaryReactor* AskGrpcService::SuggestHelpers(grpc::CallbackServerContext* context,
                                                         const v1::SuggestHelpersRequest* request,
                                                         v1::SuggestHelpersResponse* response) {
  return runner_.Run(
      context, "/refnet.v1.AskService/SuggestHelpers", [=, this](const Principal& p) {
        REFNET_ASSIGN_OR_RETURN(ChildName name, AskNameFor(p, request->name()));
        REFNET_ASSIGN_OR_RETURN(int32_t limit, ResolveSuggestionCount(request->page_size()));
        return store_.Read([&](storage::Tx& tx) -> absl::Status {
          REFNET_ASSIGN_OR_RETURN(Ask ask, AskBook::GetAsk(tx, name.firm_id, name.id));
          REFNET_ASSIGN_OR_RETURN(std::vector<Suggestion> suggestions,
                                  book_.SuggestHelpers(tx, ask, limit));
          for (const Suggestion& s : suggestions) {
            ToProto(name.firm_id, s, response->add_suggestions());
          }
          return absl::OkStatus();
        });
      });
}

grpc::ServerUnaryReactor* AskGrpcService::RouteAsk(grpc::CallbackServerContext* context,
                                                   const v1::RouteAskRequest* request,
                                                   v1::Ask* response) {
  return runner_.Run(context, "/refnet.v1.AskService/RouteAsk", [=, this](const Principal& p) {
    REFNET_ASSIGN_OR_RETURN(ChildName name, AskNameFor(p, request->name()));
    REFNET_ASSIGN_OR_RETURN(std::string helper,
                            ledger::PartyKey(request->helper(), name.firm_id, "helper"));
    std::string self = absl::StrCat("members/", p.member_id);
    return rpc::IdempotentWrite(
        store_, name.firm_id, "RouteAsk", *request, response, [&](storage::Tx& tx) -> absl::Status {
          REFNET_ASSIGN_OR_RETURN(Ask ask, AskBook::GetAsk(tx, name.firm_id, name.id));
          // Routing spends a helper's weekly cap: members route their own
          // asks and contacts' asks, not other members'.
          if (p.role == Role::kMember && ask.asker != self &&
              !absl::StartsWith(ask.asker, "contacts/")) {
            return absl::PermissionDeniedError(
                "name: members route only their own asks and contacts' asks");
          }
          REFNET_ASSIGN_OR_RETURN(Ask routed,
                                  book_.RouteAsk(tx, std::move(ask), helper, p.member_id));
          ToProto(routed, response);
          return absl::OkStatus();
        });
  });
}

grpc::ServerUnaryReactor* AskGrpcService::FulfilAsk(grpc::CallbackServerContext* context,
                                                    const v1::FulfilAskRequest* request,
                                                    v1::Ask* response) {
  return runner_.Run(context, "/refnet.v1.AskService/FulfilAsk", [=, this](const Principal& p) {
    REFNET_ASSIGN_OR_RETURN(ChildName name, AskNameFor(p, request->name()));
    REFNET_ASSIGN_OR_RETURN(std::string helper,
                            ledger::PartyKey(request->helper(), name.firm_id, "helper"));
    std::string self = absl::StrCat("members/", p.member_id);
    // The ledger's rule for favours: the cached balances are tombstoned
    // inside the write and refreshed once it committed.
    std::optional<ledger::Recorded> changed;
    std::optional<std::string> generation;
    absl::Status written = rpc::IdempotentWrite(
        store_, name.firm_id, "FulfilAsk", *request, response,
        [&](storage::Tx& tx) -> absl::Status {
          REFNET_ASSIGN_OR_RETURN(Ask ask, AskBook::GetAsk(tx, name.firm_id, name.id));
          // A member fulfils its own ask, or, as the helper, one routed to it.
          bool routed_to_self = false;
          for (const Route& route : ask.routes) routed_to_self |= route.helper == self;
          if (p.role == Role::kMember && ask.asker != self &&
              !(helper == self && routed_to_self)) {
            return absl::PermissionDeniedError(
                "name: members fulfil only their own asks, or asks routed to them; ask an "
                "admin");
          }
          if (helper == ask.asker) return FieldError("helper", "must not be the asker");
          REFNET_ASSIGN_OR_RETURN(ledger::Favour favour, FulfilFavour(*request, ask, helper));
          favour.recorded_by = p.member_id;
          REFNET_ASSIGN_OR_RETURN(Fulfilled done,
                                  book_.FulfilAsk(tx, std::move(ask), std::move(favour)));
          generation = balances_.BeforeCommit(done.recorded);
          ToProto(done.ask, response);
          changed = std::move(done.recorded);
          return absl::OkStatus();
        });
    balances_.AfterWrite(written, changed, generation);
    return written;
  });
}

}  // namespace refnet::asks
