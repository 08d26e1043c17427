// Handlers for posting, getting, listing and closing asks.
#include "services/asks/transport/ask_grpc.h"

#include "absl/strings/str_cat.h"
#include "services/asks/transport/ask_convert.h"
#include "services/common/limits.h"
#include "services/common/rpc/access.h"
#include "services/common/rpc/idempotent_write.h"
#include "services/common/rpc/paging.h"
#include "services/common/status.h"
#include "services/common/validation.h"
#include "services/ledger/domain/ledger.h"
#include "services/ledger/transport/ledger_convert.h"

namespace refnet::asks {

using auth::Principal;
using auth::Role;
namespace v1 = ::refnet::v1;

grpc::ServerUnaryReactor* AskGrpcService::CreateAsk(grpc::CallbackServerContext* context,
                                                    const v1::CreateAskRequest* request,
                                                    v1::Ask* response) {
  return runner_.Run(context, "/refnet.v1.AskService/CreateAsk", [=, this](const Principal& p) {
    REFNET_ASSIGN_OR_RETURN(std::string firm_id, rpc::FirmDataParent(p, request->parent()));
    REFNET_ASSIGN_OR_RETURN(Ask draft, AskFromProto(request->ask(), firm_id));
    if (p.role == Role::kMember && draft.asker != absl::StrCat("members/", p.member_id)) {
      return absl::PermissionDeniedError(
          "ask.asker: members may only post asks for themselves; ask an admin");
    }
    return rpc::IdempotentWrite(store_, firm_id, "CreateAsk", *request, response,
                                [&](storage::Tx& tx) -> absl::Status {
                                  REFNET_ASSIGN_OR_RETURN(Ask ask, book_.CreateAsk(tx, draft));
                                  ToProto(ask, response);
                                  return absl::OkStatus();
                                });
  });
}

grpc::ServerUnaryReactor* AskGrpcService::GetAsk(grpc::CallbackServerContext* context,
                                                 const v1::GetAskRequest* request,
                                                 v1::Ask* response) {
  return runner_.Run(context, "/refnet.v1.AskService/GetAsk", [=, this](const Principal& p) {
    REFNET_ASSIGN_OR_RETURN(ChildName name, AskNameFor(p, request->name()));
    return store_.Read([&](storage::Tx& tx) -> absl::Status {
      REFNET_ASSIGN_OR_RETURN(Ask ask, AskBook::GetAsk(tx, name.firm_id, name.id));
      ToProto(ask, response);
      return absl::OkStatus();
    });
  });
}

grpc::ServerUnaryReactor* AskGrpcService::ListAsks(grpc::CallbackServerContext* context,
                                                   const v1::ListAsksRequest* request,
                                                   v1::ListAsksResponse* response) {
  return runner_.Run(context, "/refnet.v1.AskService/ListAsks", [=, this](const Principal& p) {
    REFNET_ASSIGN_OR_RETURN(std::string firm_id, rpc::FirmDataParent(p, request->parent()));
    AskFilter filter;
    if (request->state() != v1::Ask::STATE_UNSPECIFIED) {
      if (!v1::Ask::State_IsValid(request->state())) {
        return FieldError(
            "state", absl::StrCat(static_cast<int>(request->state()), " is not a known ask state"));
      }
      filter.state = static_cast<AskState>(request->state());
    }
    if (!request->asker().empty()) {
      REFNET_ASSIGN_OR_RETURN(filter.asker, ledger::PartyKey(request->asker(), firm_id, "asker"));
    }
    REFNET_RETURN_IF_ERROR(ValidateOptionalText(request->tag(), "tag", limits::kTagLengthMax));
    filter.tag = request->tag();
    REFNET_ASSIGN_OR_RETURN(
        rpc::PageRequest page,
        rpc::StartPage(request->page_size(), request->page_token(),
                       {"ListAsks", firm_id, absl::StrCat(static_cast<int>(request->state())),
                        filter.asker, filter.tag}));
    return store_.Read([&](storage::Tx& tx) -> absl::Status {
      if (!filter.asker.empty()) {
        REFNET_RETURN_IF_ERROR(ledger::Ledger::RequireParty(tx, firm_id, filter.asker, "asker"));
      }
      REFNET_ASSIGN_OR_RETURN(
          std::vector<Ask> rows,
          tx.Asks().ListAsks(firm_id, filter, page.after_position, page.fetch_limit()));
      response->set_next_page_token(rpc::FinishPage(rows, page));
      for (const Ask& ask : rows) ToProto(ask, response->add_asks());
      return absl::OkStatus();
    });
  });
}

grpc::ServerUnaryReactor* AskGrpcService::CloseAsk(grpc::CallbackServerContext* context,
                                                   const v1::CloseAskRequest* request,
                                                   v1::Ask* response) {
  return runner_.Run(context, "/refnet.v1.AskService/CloseAsk", [=, this](const Principal& p) {
    REFNET_ASSIGN_OR_RETURN(ChildName name, AskNameFor(p, request->name()));
    return rpc::IdempotentWrite(
        store_, name.firm_id, "CloseAsk", *request, response, [&](storage::Tx& tx) -> absl::Status {
          REFNET_ASSIGN_OR_RETURN(Ask ask, AskBook::GetAsk(tx, name.firm_id, name.id));
          if (p.role == Role::kMember && ask.asker != absl::StrCat("members/", p.member_id)) {
            return absl::PermissionDeniedError(
                "name: members may only close their own asks; ask an admin");
          }
          REFNET_ASSIGN_OR_RETURN(Ask closed, book_.CloseAsk(tx, std::move(ask)));
          ToProto(closed, response);
          return absl::OkStatus();
        });
  });
}

}  // namespace refnet::asks
