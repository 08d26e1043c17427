// Handlers for recording, voiding, getting and listing favours.
#include "services/ledger/transport/ledger_grpc.h"

#include "absl/strings/str_cat.h"
#include "services/common/limits.h"
#include "services/common/resource_names.h"
#include "services/common/rpc/access.h"
#include "services/common/rpc/idempotent_write.h"
#include "services/common/rpc/paging.h"
#include "services/common/rpc/proto_time.h"
#include "services/common/status.h"
#include "services/common/validation.h"
#include "services/ledger/transport/ledger_convert.h"

namespace refnet::ledger {

using auth::Principal;
using auth::Role;
namespace v1 = ::refnet::v1;

namespace {

absl::StatusOr<ChildName> FavourNameFor(const Principal& p, absl::string_view name) {
  REFNET_ASSIGN_OR_RETURN(ChildName parsed, ParseChildName(name, "favours", "name"));
  REFNET_RETURN_IF_ERROR(rpc::RequireFirmData(p, parsed.firm_id, "name"));
  return parsed;
}

}  // namespace

grpc::ServerUnaryReactor* LedgerGrpcService::RecordFavour(grpc::CallbackServerContext* context,
                                                          const v1::RecordFavourRequest* request,
                                                          v1::Favour* response) {
  return runner_.Run(
      context, "/refnet.v1.LedgerService/RecordFavour", [=, this](const Principal& p) {
        REFNET_ASSIGN_OR_RETURN(std::string firm_id, rpc::FirmDataParent(p, request->parent()));
        REFNET_ASSIGN_OR_RETURN(Favour draft, FavourFromProto(request->favour(), firm_id));
        std::string self = absl::StrCat("members/", p.member_id);
        if (p.role == Role::kMember && draft.giver != self && draft.receiver != self) {
          return absl::PermissionDeniedError(
              "favour.giver: members record only favours they gave or received");
        }
        draft.recorded_by = p.member_id;
        std::optional<Recorded> changed;
        std::optional<std::string> generation;
        absl::Status written = rpc::IdempotentWrite(
            store_, firm_id, "RecordFavour", *request, response,
            [&](storage::Tx& tx) -> absl::Status {
              REFNET_ASSIGN_OR_RETURN(Recorded r, ledger_.RecordFavour(tx, draft));
              generation = balances_.BeforeCommit(r);
              ToProto(r.favour, response);
              changed = std::move(r);
              return absl::OkStatus();
            });
        balances_.AfterWrite(written, changed, generation);
        return written;
      });
}

grpc::ServerUnaryReactor* LedgerGrpcService::GetFavour(grpc::CallbackServerContext* context,
                                                       const v1::GetFavourRequest* request,
                                                       v1::Favour* response) {
  return runner_.Run(context, "/refnet.v1.LedgerService/GetFavour", [=, this](const Principal& p) {
    REFNET_ASSIGN_OR_RETURN(ChildName name, FavourNameFor(p, request->name()));
    return store_.Read([&](storage::Tx& tx) -> absl::Status {
      REFNET_ASSIGN_OR_RETURN(Favour favour,
                              NotFoundIn(tx.Ledger().GetFavour(name.firm_id, name.id), "name"));
      ToProto(favour, response);
      return absl::OkStatus();
    });
  });
}

grpc::ServerUnaryReactor* LedgerGrpcService::ListFavours(grpc::CallbackServerContext* context,
                                                         const v1::ListFavoursRequest* request,
                                                         v1::ListFavoursResponse* response) {
  return runner_.Run(
      context, "/refnet.v1.LedgerService/ListFavours", [=, this](const Principal& p) {
        REFNET_ASSIGN_OR_RETURN(std::string firm_id, rpc::FirmDataParent(p, request->parent()));
        FavourFilter filter;
        if (!request->party().empty()) {
          REFNET_ASSIGN_OR_RETURN(filter.party, PartyKey(request->party(), firm_id, "party"));
        }
        if (!request->counterparty().empty()) {
          if (filter.party.empty()) return FieldError("counterparty", "needs party");
          REFNET_ASSIGN_OR_RETURN(filter.counterparty,
                                  PartyKey(request->counterparty(), firm_id, "counterparty"));
        }
        if (request->kind() != v1::FAVOUR_KIND_UNSPECIFIED) {
          if (!v1::FavourKind_IsValid(request->kind())) {
            return FieldError("kind", "is not a known favour kind");
          }
          filter.kind = static_cast<FavourKind>(request->kind());
        }
        if (request->has_start_time()) filter.start_time = rpc::FromProto(request->start_time());
        if (request->has_end_time()) filter.end_time = rpc::FromProto(request->end_time());
        std::string range =
            absl::StrCat(filter.start_time ? absl::FormatTime(*filter.start_time) : "", "|",
                         filter.end_time ? absl::FormatTime(*filter.end_time) : "");
        REFNET_ASSIGN_OR_RETURN(
            rpc::PageRequest page,
            rpc::StartPage(request->page_size(), request->page_token(),
                           {"ListFavours", firm_id, filter.party, filter.counterparty,
                            absl::StrCat(static_cast<int>(request->kind())), range}));
        return store_.Read([&](storage::Tx& tx) -> absl::Status {
          if (!filter.party.empty()) {
            REFNET_RETURN_IF_ERROR(Ledger::RequireParty(tx, firm_id, filter.party, "party"));
          }
          if (!filter.counterparty.empty()) {
            REFNET_RETURN_IF_ERROR(
                Ledger::RequireParty(tx, firm_id, filter.counterparty, "counterparty"));
          }
          REFNET_ASSIGN_OR_RETURN(
              std::vector<Favour> rows,
              tx.Ledger().ListFavours(firm_id, filter, page.after_position, page.fetch_limit()));
          response->set_next_page_token(rpc::FinishPage(rows, page));
          for (const Favour& f : rows) ToProto(f, response->add_favours());
          return absl::OkStatus();
        });
      });
}

grpc::ServerUnaryReactor* LedgerGrpcService::VoidFavour(grpc::CallbackServerContext* context,
                                                        const v1::VoidFavourRequest* request,
                                                        v1::Favour* response) {
  return runner_.Run(context, "/refnet.v1.LedgerService/VoidFavour", [=, this](const Principal& p) {
    REFNET_ASSIGN_OR_RETURN(ChildName name, FavourNameFor(p, request->name()));
    REFNET_RETURN_IF_ERROR(
        ValidateRequiredText(request->reason(), "reason", limits::kReasonLengthMax));
    std::optional<Recorded> changed;
    std::optional<std::string> generation;
    absl::Status written = rpc::IdempotentWrite(
        store_, name.firm_id, "VoidFavour", *request, response,
        [&](storage::Tx& tx) -> absl::Status {
          if (p.role == Role::kMember) {
            REFNET_ASSIGN_OR_RETURN(
                Favour original, NotFoundIn(tx.Ledger().GetFavour(name.firm_id, name.id), "name"));
            if (original.recorded_by != p.member_id) {
              return absl::PermissionDeniedError(
                  "name: members void only favours they recorded; ask an admin");
            }
          }
          REFNET_ASSIGN_OR_RETURN(Recorded r, ledger_.VoidFavour(tx, name.firm_id, name.id,
                                                                 request->reason(), p.member_id));
          generation = balances_.BeforeCommit(r);
          ToProto(r.favour, response);
          changed = std::move(r);
          return absl::OkStatus();
        });
    balances_.AfterWrite(written, changed, generation);
    return written;
  });
}

}  // namespace refnet::ledger
