// Handlers for creating, moving, reading and reporting on referrals.
#include "services/referrals/transport/referral_grpc.h"

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
#include "services/referrals/transport/referral_convert.h"

namespace refnet::referrals {

using auth::Principal;
using auth::Role;
namespace v1 = ::refnet::v1;

namespace {

// Referrals one report reads at most.
constexpr size_t kReportReferralsMax = 20000;

absl::StatusOr<ChildName> ReferralNameFor(const Principal& p, absl::string_view name) {
  REFNET_ASSIGN_OR_RETURN(ChildName parsed, ParseChildName(name, "referrals", "name"));
  REFNET_RETURN_IF_ERROR(rpc::RequireFirmData(p, parsed.firm_id, "name"));
  return parsed;
}

Actor ActorOf(const Principal& p) {
  return Actor{p.member_id, p.role == Role::kAdmin || p.role == Role::kService};
}

Viewer ViewerOf(const Principal& p) {
  Viewer viewer;
  viewer.admin = p.role == Role::kAdmin;
  if (!p.member_id.empty()) viewer.party = absl::StrCat("members/", p.member_id);
  return viewer;
}

// Writes store the full answer, so that a retry by anyone replays the same
// write; each caller then sees it as its role allows.
void WithholdAmounts(const Principal& p, v1::Referral* referral) {
  if (!referral->confidential() || p.role == Role::kAdmin) return;
  std::string self = p.member_id.empty() ? std::string() : MemberName(p.firm_id, p.member_id);
  if (!self.empty() && (self == referral->referrer() || self == referral->recipient())) return;
  referral->clear_estimated_value();
  referral->clear_closed_value();
  referral->set_amounts_withheld(true);
}

}  // namespace

grpc::ServerUnaryReactor* ReferralGrpcService::CreateReferral(
    grpc::CallbackServerContext* context, const v1::CreateReferralRequest* request,
    v1::Referral* response) {
  return runner_.Run(
      context, "/refnet.v1.ReferralService/CreateReferral", [=, this](const Principal& p) {
        REFNET_ASSIGN_OR_RETURN(std::string firm_id, rpc::FirmDataParent(p, request->parent()));
        REFNET_ASSIGN_OR_RETURN(Referral draft, ReferralFromProto(request->referral(), firm_id));
        std::optional<ledger::Recorded> changed;
        std::optional<std::string> generation;
        absl::Status written = rpc::IdempotentWrite(
            store_, firm_id, "CreateReferral", *request, response,
            [&](storage::Tx& tx) -> absl::Status {
              REFNET_ASSIGN_OR_RETURN(Written w, desk_.Create(tx, draft, ActorOf(p)));
              generation = balances_.BeforeCommit(*w.recorded);
              response->Clear();
              ToProto(w.referral, Viewer{true, ""}, response);
              changed = std::move(w.recorded);
              return absl::OkStatus();
            });
        balances_.AfterWrite(written, changed, generation);
        if (written.ok()) WithholdAmounts(p, response);
        return written;
      });
}

grpc::ServerUnaryReactor* ReferralGrpcService::GetReferral(grpc::CallbackServerContext* context,
                                                           const v1::GetReferralRequest* request,
                                                           v1::Referral* response) {
  return runner_.Run(
      context, "/refnet.v1.ReferralService/GetReferral", [=, this](const Principal& p) {
        REFNET_ASSIGN_OR_RETURN(ChildName name, ReferralNameFor(p, request->name()));
        return store_.Read([&](storage::Tx& tx) -> absl::Status {
          REFNET_ASSIGN_OR_RETURN(
              Referral r, NotFoundIn(tx.Referrals().GetReferral(name.firm_id, name.id), "name"));
          ToProto(r, ViewerOf(p), response);
          return absl::OkStatus();
        });
      });
}

grpc::ServerUnaryReactor* ReferralGrpcService::ListReferrals(
    grpc::CallbackServerContext* context, const v1::ListReferralsRequest* request,
    v1::ListReferralsResponse* response) {
  return runner_.Run(
      context, "/refnet.v1.ReferralService/ListReferrals", [=, this](const Principal& p) {
        REFNET_ASSIGN_OR_RETURN(std::string firm_id, rpc::FirmDataParent(p, request->parent()));
        ReferralFilter filter;
        if (!request->referrer().empty()) {
          REFNET_ASSIGN_OR_RETURN(filter.referrer,
                                  ledger::PartyKey(request->referrer(), firm_id, "referrer"));
        }
        if (!request->recipient().empty()) {
          REFNET_ASSIGN_OR_RETURN(filter.recipient,
                                  ledger::PartyKey(request->recipient(), firm_id, "recipient"));
        }
        if (!request->prospect().empty()) {
          REFNET_ASSIGN_OR_RETURN(ChildName contact,
                                  ParseChildName(request->prospect(), kContacts, "prospect"));
          REFNET_RETURN_IF_ERROR(rpc::RequireNameInFirm(contact.firm_id, firm_id, "prospect"));
          filter.prospect_contact = contact.id;
        }
        REFNET_ASSIGN_OR_RETURN(filter.stage, StageFromProto(request->stage(), "stage", false));
        if (!v1::ReferralStatus_IsValid(request->status())) {
          return FieldError("status", absl::StrCat(static_cast<int>(request->status()),
                                                   " is not a known referral status"));
        }
        filter.status = static_cast<ReferralFilter::Status>(request->status());
        REFNET_ASSIGN_OR_RETURN(
            rpc::PageRequest page,
            rpc::StartPage(request->page_size(), request->page_token(),
                           {"ListReferrals", firm_id, filter.referrer, filter.recipient,
                            filter.prospect_contact, absl::StrCat(static_cast<int>(filter.stage)),
                            absl::StrCat(static_cast<int>(filter.status))}));
        return store_.Read([&](storage::Tx& tx) -> absl::Status {
          REFNET_ASSIGN_OR_RETURN(std::vector<Referral> rows,
                                  tx.Referrals().ListReferrals(firm_id, filter,
                                                               page.after_position,
                                                               page.fetch_limit()));
          response->set_next_page_token(rpc::FinishPage(rows, page));
          Viewer viewer = ViewerOf(p);
          for (const Referral& r : rows) ToProto(r, viewer, response->add_referrals());
          return absl::OkStatus();
        });
      });
}

grpc::ServerUnaryReactor* ReferralGrpcService::MoveReferral(grpc::CallbackServerContext* context,
                                                            const v1::MoveReferralRequest* request,
                                                            v1::Referral* response) {
  return runner_.Run(
      context, "/refnet.v1.ReferralService/MoveReferral", [=, this](const Principal& p) {
        REFNET_ASSIGN_OR_RETURN(ChildName name, ReferralNameFor(p, request->name()));
        MoveCommand command;
        REFNET_ASSIGN_OR_RETURN(command.to, StageFromProto(request->stage(), "stage", true));
        REFNET_RETURN_IF_ERROR(
            ValidateOptionalText(request->note(), "note", limits::kNoteLengthMax));
        command.note = request->note();
        REFNET_ASSIGN_OR_RETURN(command.closed_value,
                                MoneyFromProto(request->closed_value(), "closed_value"));
        command.etag = request->etag();
        if (request->has_move_time()) {
          if (!rpc::IsValidTimestamp(request->move_time())) {
            return FieldError("move_time", "is not a valid timestamp");
          }
          command.move_time = rpc::FromProto(request->move_time());
        }
        std::optional<ledger::Recorded> changed;
        std::optional<std::string> generation;
        absl::Status written = rpc::IdempotentWrite(
            store_, name.firm_id, "MoveReferral", *request, response,
            [&](storage::Tx& tx) -> absl::Status {
              REFNET_ASSIGN_OR_RETURN(Written w,
                                      desk_.Move(tx, name.firm_id, name.id, command, ActorOf(p)));
              generation = w.recorded ? balances_.BeforeCommit(*w.recorded) : std::nullopt;
              response->Clear();
              ToProto(w.referral, Viewer{true, ""}, response);
              changed = std::move(w.recorded);
              return absl::OkStatus();
            });
        balances_.AfterWrite(written, changed, generation);
        if (written.ok()) WithholdAmounts(p, response);
        return written;
      });
}

grpc::ServerUnaryReactor* ReferralGrpcService::GetReferralReport(
    grpc::CallbackServerContext* context, const v1::GetReferralReportRequest* request,
    v1::ReferralReport* response) {
  return runner_.Run(
      context, "/refnet.v1.ReferralService/GetReferralReport", [=, this](const Principal& p) {
        REFNET_ASSIGN_OR_RETURN(std::string firm_id, rpc::FirmDataParent(p, request->parent()));
        std::string party;
        if (!request->party().empty()) {
          REFNET_ASSIGN_OR_RETURN(party, ledger::PartyKey(request->party(), firm_id, "party"));
        }
        std::optional<absl::Time> start, end;
        if (request->has_start_time()) {
          if (!rpc::IsValidTimestamp(request->start_time())) {
            return FieldError("start_time", "is not a valid timestamp");
          }
          start = rpc::FromProto(request->start_time());
        }
        if (request->has_end_time()) {
          if (!rpc::IsValidTimestamp(request->end_time())) {
            return FieldError("end_time", "is not a valid timestamp");
          }
          end = rpc::FromProto(request->end_time());
        }
        if (start && end && *end < *start) return FieldError("end_time", "is before start_time");
        return store_.Read([&](storage::Tx& tx) -> absl::Status {
          if (!party.empty()) {
            REFNET_RETURN_IF_ERROR(ledger::Ledger::RequireParty(tx, firm_id, party, "party"));
          }
          REFNET_ASSIGN_OR_RETURN(admin::FirmSettings settings, tx.Admin().GetSettings(firm_id));
          REFNET_ASSIGN_OR_RETURN(std::vector<Referral> referrals,
                                  tx.Referrals().ReferralsOfferedBetween(
                                      firm_id, party, start, end, kReportReferralsMax + 1));
          if (referrals.size() > kReportReferralsMax) {
            return absl::ResourceExhaustedError(absl::StrCat(
                "start_time: more than ", kReportReferralsMax,
                " referrals were offered in the range; narrow it with start_time and end_time"));
          }
          Report report = BuildReport(referrals, party, ViewerOf(p), clock_.Now(), settings);
          ToProto(firm_id, report, response);
          return absl::OkStatus();
        });
      });
}

}  // namespace refnet::referrals
