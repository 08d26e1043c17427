// Handlers of refnet.v1.AdminService.
#include "services/admin/transport/admin_grpc.h"

#include "absl/strings/str_cat.h"
#include "services/admin/transport/admin_convert.h"
#include "services/common/limits.h"
#include "services/common/resource_names.h"
#include "services/common/rpc/access.h"
#include "services/common/rpc/idempotent_write.h"
#include "services/common/rpc/paging.h"
#include "services/common/status.h"
#include "services/common/validation.h"

namespace refnet::admin {

using auth::Principal;
namespace v1 = ::refnet::v1;

grpc::ServerUnaryReactor* AdminGrpcService::CreateFirm(grpc::CallbackServerContext* context,
                                                       const v1::CreateFirmRequest* request,
                                                       v1::Firm* response) {
  return runner_.Run(context, "/refnet.v1.AdminService/CreateFirm", [=, this](const Principal& p) {
    REFNET_RETURN_IF_ERROR(rpc::RequirePlatformAdmin(p, "create firms"));
    REFNET_RETURN_IF_ERROR(ValidateNewId(request->firm_id(), "firm_id"));
    REFNET_RETURN_IF_ERROR(ValidateRequiredText(request->firm().display_name(), "firm.display_name",
                                                limits::kNameLengthMax));
    return rpc::IdempotentWrite(
        store_, "", "CreateFirm", *request, response, [&](storage::Tx& tx) -> absl::Status {
          REFNET_ASSIGN_OR_RETURN(Firm firm, directory_.CreateFirm(tx.Admin(), request->firm_id(),
                                                                   request->firm().display_name()));
          ToProto(firm, response);
          return absl::OkStatus();
        });
  });
}

grpc::ServerUnaryReactor* AdminGrpcService::GetFirm(grpc::CallbackServerContext* context,
                                                    const v1::GetFirmRequest* request,
                                                    v1::Firm* response) {
  return runner_.Run(context, "/refnet.v1.AdminService/GetFirm", [=, this](const Principal& p) {
    REFNET_RETURN_IF_ERROR(rpc::RequirePlatformAdmin(p, "read firms"));
    REFNET_ASSIGN_OR_RETURN(std::string firm_id, ParseFirmName(request->name(), "name"));
    return store_.Read([&](storage::Tx& tx) -> absl::Status {
      REFNET_ASSIGN_OR_RETURN(Firm firm, NotFoundIn(tx.Admin().GetFirm(firm_id), "name"));
      ToProto(firm, response);
      return absl::OkStatus();
    });
  });
}

grpc::ServerUnaryReactor* AdminGrpcService::ListFirms(grpc::CallbackServerContext* context,
                                                      const v1::ListFirmsRequest* request,
                                                      v1::ListFirmsResponse* response) {
  return runner_.Run(context, "/refnet.v1.AdminService/ListFirms", [=, this](const Principal& p) {
    REFNET_RETURN_IF_ERROR(rpc::RequirePlatformAdmin(p, "list firms"));
    REFNET_ASSIGN_OR_RETURN(
        rpc::PageRequest page,
        rpc::StartPage(request->page_size(), request->page_token(), {"ListFirms"}));
    return store_.Read([&](storage::Tx& tx) -> absl::Status {
      REFNET_ASSIGN_OR_RETURN(std::vector<Firm> firms,
                              tx.Admin().ListFirms(page.after_position, page.fetch_limit()));
      response->set_next_page_token(rpc::FinishPage(firms, page));
      for (const Firm& firm : firms) ToProto(firm, response->add_firms());
      return absl::OkStatus();
    });
  });
}

grpc::ServerUnaryReactor* AdminGrpcService::CreateMember(grpc::CallbackServerContext* context,
                                                         const v1::CreateMemberRequest* request,
                                                         v1::Member* response) {
  return runner_.Run(
      context, "/refnet.v1.AdminService/CreateMember", [=, this](const Principal& p) {
        REFNET_ASSIGN_OR_RETURN(std::string firm_id, ParseFirmName(request->parent(), "parent"));
        REFNET_RETURN_IF_ERROR(rpc::RequireMemberAdmin(p, firm_id, "parent"));
        if (!request->member_id().empty()) {
          REFNET_RETURN_IF_ERROR(ValidateNewId(request->member_id(), "member_id"));
        }
        REFNET_RETURN_IF_ERROR(ValidateNewMember(request->member(), "member"));
        Member draft;
        draft.firm_id = firm_id;
        draft.id = request->member_id();
        draft.display_name = request->member().display_name();
        draft.email = request->member().email();
        draft.role = *RoleFromProto(request->member().role(), "member.role");
        return rpc::IdempotentWrite(
            store_, firm_id, "CreateMember", *request, response,
            [&](storage::Tx& tx) -> absl::Status {
              REFNET_ASSIGN_OR_RETURN(
                  Member member, NotFoundIn(directory_.CreateMember(tx.Admin(), draft), "parent"));
              ToProto(member, response);
              return absl::OkStatus();
            });
      });
}

grpc::ServerUnaryReactor* AdminGrpcService::GetMember(grpc::CallbackServerContext* context,
                                                      const v1::GetMemberRequest* request,
                                                      v1::Member* response) {
  return runner_.Run(context, "/refnet.v1.AdminService/GetMember", [=, this](const Principal& p) {
    REFNET_ASSIGN_OR_RETURN(ChildName name, ParseChildName(request->name(), kMembers, "name"));
    REFNET_RETURN_IF_ERROR(rpc::RequireMemberRead(p, name.firm_id, "name"));
    return store_.Read([&](storage::Tx& tx) -> absl::Status {
      REFNET_ASSIGN_OR_RETURN(Member member,
                              NotFoundIn(tx.Admin().GetMember(name.firm_id, name.id), "name"));
      ToProto(member, response);
      return absl::OkStatus();
    });
  });
}

grpc::ServerUnaryReactor* AdminGrpcService::ListMembers(grpc::CallbackServerContext* context,
                                                        const v1::ListMembersRequest* request,
                                                        v1::ListMembersResponse* response) {
  return runner_.Run(context, "/refnet.v1.AdminService/ListMembers", [=, this](const Principal& p) {
    REFNET_ASSIGN_OR_RETURN(std::string firm_id, ParseFirmName(request->parent(), "parent"));
    REFNET_RETURN_IF_ERROR(rpc::RequireMemberRead(p, firm_id, "parent"));
    REFNET_ASSIGN_OR_RETURN(
        rpc::PageRequest page,
        rpc::StartPage(request->page_size(), request->page_token(),
                       {"ListMembers", firm_id, request->show_inactive() ? "all" : "active"}));
    return store_.Read([&](storage::Tx& tx) -> absl::Status {
      REFNET_RETURN_IF_ERROR(NotFoundIn(tx.Admin().GetFirm(firm_id).status(), "parent"));
      REFNET_ASSIGN_OR_RETURN(std::vector<Member> members,
                              tx.Admin().ListMembers(firm_id, request->show_inactive(),
                                                     page.after_position, page.fetch_limit()));
      response->set_next_page_token(rpc::FinishPage(members, page));
      for (const Member& member : members) ToProto(member, response->add_members());
      return absl::OkStatus();
    });
  });
}

grpc::ServerUnaryReactor* AdminGrpcService::UpdateMember(grpc::CallbackServerContext* context,
                                                         const v1::UpdateMemberRequest* request,
                                                         v1::Member* response) {
  return runner_.Run(
      context, "/refnet.v1.AdminService/UpdateMember", [=, this](const Principal& p) {
        REFNET_ASSIGN_OR_RETURN(ChildName name,
                                ParseChildName(request->member().name(), kMembers, "member.name"));
        REFNET_RETURN_IF_ERROR(rpc::RequireMemberAdmin(p, name.firm_id, "member.name"));
        REFNET_ASSIGN_OR_RETURN(MemberPatch patch, MemberPatchFromProto(*request));
        REFNET_RETURN_IF_ERROR(rpc::IdempotentWrite(
            store_, name.firm_id, "UpdateMember", *request, response,
            [&](storage::Tx& tx) -> absl::Status {
              REFNET_ASSIGN_OR_RETURN(
                  Member member,
                  NotFoundIn(directory_.UpdateMember(tx.Admin(), name.firm_id, name.id, patch,
                                                     request->member().etag()),
                             "member.name"));
              ToProto(member, response);
              return absl::OkStatus();
            }));
        // A deactivated member or a changed role takes effect on the next call.
        runner_.ForgetMembers();
        return absl::OkStatus();
      });
}

}  // namespace refnet::admin
