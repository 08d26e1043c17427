// Handlers for the relationship graph: relationships, interactions, connections.
#include "absl/strings/str_cat.h"
#include "services/common/limits.h"
#include "services/common/resource_names.h"
#include "services/common/rpc/access.h"
#include "services/common/rpc/idempotent_write.h"
#include "services/common/rpc/paging.h"
#include "services/common/status.h"
#include "services/common/validation.h"
#include "services/contacts/transport/contact_convert.h"
#include "services/contacts/transport/contact_grpc.h"

namespace refnet::contacts {

using auth::Principal;
using auth::Role;
namespace v1 = ::refnet::v1;

namespace {

// Members write only their own relationships and interactions; admins and
// services write anyone's.
absl::Status RequireSelfOrManager(const Principal& p, const std::string& member_id,
                                  absl::string_view field) {
  if (p.role == Role::kMember && p.member_id != member_id) {
    return absl::PermissionDeniedError(
        absl::StrCat(field, ": members may only record their own relationships"));
  }
  return absl::OkStatus();
}

// An optional filter name in `field`; empty stays empty.
template <typename Parser>
absl::StatusOr<std::string> OptionalId(absl::string_view name, const std::string& firm_id,
                                       absl::string_view field, Parser parse) {
  if (name.empty()) return std::string();
  return parse(name, firm_id, field);
}

}  // namespace

grpc::ServerUnaryReactor* ContactGrpcService::SetRelationship(
    grpc::CallbackServerContext* context, const v1::SetRelationshipRequest* request,
    v1::Relationship* response) {
  return runner_.Run(
      context, "/refnet.v1.ContactService/SetRelationship", [=, this](const Principal& p) {
        REFNET_ASSIGN_OR_RETURN(std::string firm_id, rpc::FirmDataParent(p, request->parent()));
        REFNET_ASSIGN_OR_RETURN(Relationship draft,
                                RelationshipFromProto(request->relationship(), firm_id));
        REFNET_RETURN_IF_ERROR(RequireSelfOrManager(p, draft.member_id, "relationship.member"));
        return rpc::IdempotentWrite(store_, firm_id, "SetRelationship", *request, response,
                                    [&](storage::Tx& tx) -> absl::Status {
                                      REFNET_ASSIGN_OR_RETURN(
                                          Relationship r,
                                          book_.SetRelationship(tx.Admin(), tx.Contacts(), draft));
                                      ToProto(r, response);
                                      return absl::OkStatus();
                                    });
      });
}

grpc::ServerUnaryReactor* ContactGrpcService::ListRelationships(
    grpc::CallbackServerContext* context, const v1::ListRelationshipsRequest* request,
    v1::ListRelationshipsResponse* response) {
  return runner_.Run(
      context, "/refnet.v1.ContactService/ListRelationships", [=, this](const Principal& p) {
        REFNET_ASSIGN_OR_RETURN(std::string firm_id, rpc::FirmDataParent(p, request->parent()));
        RelationshipFilter filter;
        REFNET_ASSIGN_OR_RETURN(filter.member_id,
                                OptionalId(request->member(), firm_id, "member", MemberIdIn));
        REFNET_ASSIGN_OR_RETURN(filter.contact_id,
                                OptionalId(request->contact(), firm_id, "contact", ContactIdIn));
        filter.key_only = request->key_only();
        REFNET_ASSIGN_OR_RETURN(
            rpc::PageRequest page,
            rpc::StartPage(request->page_size(), request->page_token(),
                           {"ListRelationships", firm_id, filter.member_id, filter.contact_id,
                            filter.key_only ? "key" : "all"}));
        return store_.Read([&](storage::Tx& tx) -> absl::Status {
          REFNET_ASSIGN_OR_RETURN(std::vector<Relationship> rows,
                                  tx.Contacts().ListRelationships(
                                      firm_id, filter, page.after_position, page.fetch_limit()));
          response->set_next_page_token(rpc::FinishPage(rows, page));
          for (const Relationship& r : rows) ToProto(r, response->add_relationships());
          return absl::OkStatus();
        });
      });
}

grpc::ServerUnaryReactor* ContactGrpcService::LogInteraction(
    grpc::CallbackServerContext* context, const v1::LogInteractionRequest* request,
    v1::Interaction* response) {
  return runner_.Run(
      context, "/refnet.v1.ContactService/LogInteraction", [=, this](const Principal& p) {
        REFNET_ASSIGN_OR_RETURN(std::string firm_id, rpc::FirmDataParent(p, request->parent()));
        REFNET_ASSIGN_OR_RETURN(Interaction draft,
                                InteractionFromProto(request->interaction(), firm_id));
        REFNET_RETURN_IF_ERROR(RequireSelfOrManager(p, draft.member_id, "interaction.member"));
        return rpc::IdempotentWrite(store_, firm_id, "LogInteraction", *request, response,
                                    [&](storage::Tx& tx) -> absl::Status {
                                      REFNET_ASSIGN_OR_RETURN(
                                          Interaction i,
                                          book_.LogInteraction(tx.Admin(), tx.Contacts(), draft));
                                      ToProto(i, response);
                                      return absl::OkStatus();
                                    });
      });
}

grpc::ServerUnaryReactor* ContactGrpcService::ListInteractions(
    grpc::CallbackServerContext* context, const v1::ListInteractionsRequest* request,
    v1::ListInteractionsResponse* response) {
  return runner_.Run(
      context, "/refnet.v1.ContactService/ListInteractions", [=, this](const Principal& p) {
        REFNET_ASSIGN_OR_RETURN(std::string firm_id, rpc::FirmDataParent(p, request->parent()));
        REFNET_ASSIGN_OR_RETURN(std::string member_id,
                                OptionalId(request->member(), firm_id, "member", MemberIdIn));
        REFNET_ASSIGN_OR_RETURN(std::string contact_id,
                                OptionalId(request->contact(), firm_id, "contact", ContactIdIn));
        REFNET_ASSIGN_OR_RETURN(
            rpc::PageRequest page,
            rpc::StartPage(request->page_size(), request->page_token(),
                           {"ListInteractions", firm_id, member_id, contact_id}));
        return store_.Read([&](storage::Tx& tx) -> absl::Status {
          REFNET_ASSIGN_OR_RETURN(
              std::vector<Interaction> rows,
              tx.Contacts().ListInteractions(firm_id, member_id, contact_id, page.after_position,
                                             page.fetch_limit()));
          response->set_next_page_token(rpc::FinishPage(rows, page));
          for (const Interaction& i : rows) ToProto(i, response->add_interactions());
          return absl::OkStatus();
        });
      });
}

grpc::ServerUnaryReactor* ContactGrpcService::ConnectContacts(
    grpc::CallbackServerContext* context, const v1::ConnectContactsRequest* request,
    v1::Connection* response) {
  return runner_.Run(
      context, "/refnet.v1.ContactService/ConnectContacts", [=, this](const Principal& p) {
        REFNET_ASSIGN_OR_RETURN(std::string firm_id, rpc::FirmDataParent(p, request->parent()));
        REFNET_ASSIGN_OR_RETURN(std::string contact_id,
                                ContactIdIn(request->contact(), firm_id, "contact"));
        REFNET_ASSIGN_OR_RETURN(std::string other_id,
                                ContactIdIn(request->other(), firm_id, "other"));
        REFNET_RETURN_IF_ERROR(
            ValidateOptionalText(request->note(), "note", limits::kNoteLengthMax));
        return rpc::IdempotentWrite(store_, firm_id, "ConnectContacts", *request, response,
                                    [&](storage::Tx& tx) -> absl::Status {
                                      REFNET_ASSIGN_OR_RETURN(
                                          Connection c,
                                          book_.ConnectContacts(tx.Contacts(), firm_id, contact_id,
                                                                other_id, request->note()));
                                      ToProto(c, response);
                                      return absl::OkStatus();
                                    });
      });
}

grpc::ServerUnaryReactor* ContactGrpcService::ListConnections(
    grpc::CallbackServerContext* context, const v1::ListConnectionsRequest* request,
    v1::ListConnectionsResponse* response) {
  return runner_.Run(
      context, "/refnet.v1.ContactService/ListConnections", [=, this](const Principal& p) {
        REFNET_ASSIGN_OR_RETURN(std::string firm_id, rpc::FirmDataParent(p, request->parent()));
        REFNET_ASSIGN_OR_RETURN(std::string contact_id,
                                OptionalId(request->contact(), firm_id, "contact", ContactIdIn));
        REFNET_ASSIGN_OR_RETURN(rpc::PageRequest page,
                                rpc::StartPage(request->page_size(), request->page_token(),
                                               {"ListConnections", firm_id, contact_id}));
        return store_.Read([&](storage::Tx& tx) -> absl::Status {
          REFNET_ASSIGN_OR_RETURN(
              std::vector<Connection> rows,
              tx.Contacts().ListConnections(firm_id, contact_id, page.after_position,
                                            page.fetch_limit()));
          response->set_next_page_token(rpc::FinishPage(rows, page));
          for (const Connection& c : rows) ToProto(c, response->add_connections());
          return absl::OkStatus();
        });
      });
}

}  // namespace refnet::contacts
