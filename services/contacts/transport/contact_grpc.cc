// Handlers for contacts: create, get, list, update, archive, merge.
#include "services/contacts/transport/contact_grpc.h"

#include "absl/strings/str_cat.h"
#include "services/common/limits.h"
#include "services/common/resource_names.h"
#include "services/common/rpc/access.h"
#include "services/common/rpc/idempotent_write.h"
#include "services/common/rpc/paging.h"
#include "services/common/status.h"
#include "services/common/validation.h"
#include "services/contacts/transport/contact_convert.h"

namespace refnet::contacts {

using auth::Principal;
using auth::Role;
namespace v1 = ::refnet::v1;

namespace {

// Parses `firms/{firm}/contacts/{contact}` in `field` and checks the caller may read it.
absl::StatusOr<ChildName> ContactNameFor(const Principal& p, absl::string_view name,
                                         absl::string_view field) {
  REFNET_ASSIGN_OR_RETURN(ChildName parsed, ParseChildName(name, kContacts, field));
  REFNET_RETURN_IF_ERROR(rpc::RequireFirmData(p, parsed.firm_id, field));
  return parsed;
}

}  // namespace

grpc::ServerUnaryReactor* ContactGrpcService::CreateContact(grpc::CallbackServerContext* context,
                                                            const v1::CreateContactRequest* request,
                                                            v1::Contact* response) {
  return runner_.Run(
      context, "/refnet.v1.ContactService/CreateContact", [=, this](const Principal& p) {
        REFNET_ASSIGN_OR_RETURN(std::string firm_id, rpc::FirmDataParent(p, request->parent()));
        if (!request->contact_id().empty()) {
          REFNET_RETURN_IF_ERROR(ValidateNewId(request->contact_id(), "contact_id"));
        }
        REFNET_ASSIGN_OR_RETURN(Contact draft, ContactFromProto(request->contact()));
        draft.firm_id = firm_id;
        draft.id = request->contact_id();
        return rpc::IdempotentWrite(
            store_, firm_id, "CreateContact", *request, response,
            [&](storage::Tx& tx) -> absl::Status {
              REFNET_ASSIGN_OR_RETURN(Contact contact, book_.CreateContact(tx.Contacts(), draft));
              ToProto(contact, response);
              return absl::OkStatus();
            });
      });
}

grpc::ServerUnaryReactor* ContactGrpcService::GetContact(grpc::CallbackServerContext* context,
                                                         const v1::GetContactRequest* request,
                                                         v1::Contact* response) {
  return runner_.Run(
      context, "/refnet.v1.ContactService/GetContact", [=, this](const Principal& p) {
        REFNET_ASSIGN_OR_RETURN(ChildName name, ContactNameFor(p, request->name(), "name"));
        return store_.Read([&](storage::Tx& tx) -> absl::Status {
          REFNET_ASSIGN_OR_RETURN(Contact contact,
                                  book_.GetContact(tx.Contacts(), name.firm_id, name.id));
          ToProto(contact, response);
          return absl::OkStatus();
        });
      });
}

grpc::ServerUnaryReactor* ContactGrpcService::ListContacts(grpc::CallbackServerContext* context,
                                                           const v1::ListContactsRequest* request,
                                                           v1::ListContactsResponse* response) {
  return runner_.Run(
      context, "/refnet.v1.ContactService/ListContacts", [=, this](const Principal& p) {
        REFNET_ASSIGN_OR_RETURN(std::string firm_id, rpc::FirmDataParent(p, request->parent()));
        ContactFilter filter;
        REFNET_RETURN_IF_ERROR(ValidateOptionalText(request->tag(), "tag", limits::kTagLengthMax));
        REFNET_RETURN_IF_ERROR(
            ValidateOptionalText(request->organization(), "organization", limits::kNameLengthMax));
        REFNET_RETURN_IF_ERROR(
            ValidateOptionalText(request->query(), "query", limits::kQueryLengthMax));
        filter.tag = request->tag();
        filter.organization = request->organization();
        filter.query = request->query();
        filter.include_archived = request->show_archived();
        if (!request->known_by().empty()) {
          REFNET_ASSIGN_OR_RETURN(filter.known_by_member_id,
                                  MemberIdIn(request->known_by(), firm_id, "known_by"));
        }
        REFNET_ASSIGN_OR_RETURN(
            rpc::PageRequest page,
            rpc::StartPage(request->page_size(), request->page_token(),
                           {"ListContacts", firm_id, filter.tag, filter.organization,
                            filter.known_by_member_id, filter.query,
                            filter.include_archived ? "archived" : "live"}));
        return store_.Read([&](storage::Tx& tx) -> absl::Status {
          REFNET_ASSIGN_OR_RETURN(
              std::vector<Contact> contacts,
              tx.Contacts().ListContacts(firm_id, filter, page.after_position, page.fetch_limit()));
          response->set_next_page_token(rpc::FinishPage(contacts, page));
          for (const Contact& contact : contacts) ToProto(contact, response->add_contacts());
          return absl::OkStatus();
        });
      });
}

grpc::ServerUnaryReactor* ContactGrpcService::UpdateContact(grpc::CallbackServerContext* context,
                                                            const v1::UpdateContactRequest* request,
                                                            v1::Contact* response) {
  return runner_.Run(
      context, "/refnet.v1.ContactService/UpdateContact", [=, this](const Principal& p) {
        REFNET_ASSIGN_OR_RETURN(ChildName name,
                                ContactNameFor(p, request->contact().name(), "contact.name"));
        REFNET_ASSIGN_OR_RETURN(ContactPatch patch, ContactPatchFromProto(*request));
        return rpc::IdempotentWrite(store_, name.firm_id, "UpdateContact", *request, response,
                                    [&](storage::Tx& tx) -> absl::Status {
                                      REFNET_ASSIGN_OR_RETURN(
                                          Contact contact,
                                          book_.UpdateContact(tx.Contacts(), name.firm_id, name.id,
                                                              patch, request->contact().etag()));
                                      ToProto(contact, response);
                                      return absl::OkStatus();
                                    });
      });
}

grpc::ServerUnaryReactor* ContactGrpcService::DeleteContact(grpc::CallbackServerContext* context,
                                                            const v1::DeleteContactRequest* request,
                                                            v1::Contact* response) {
  return runner_.Run(
      context, "/refnet.v1.ContactService/DeleteContact", [=, this](const Principal& p) {
        REFNET_ASSIGN_OR_RETURN(ChildName name, ContactNameFor(p, request->name(), "name"));
        REFNET_RETURN_IF_ERROR(
            rpc::RequireRole(p, {Role::kAdmin, Role::kService}, "archive contacts"));
        return rpc::IdempotentWrite(
            store_, name.firm_id, "DeleteContact", *request, response,
            [&](storage::Tx& tx) -> absl::Status {
              REFNET_ASSIGN_OR_RETURN(
                  Contact contact,
                  book_.ArchiveContact(tx.Contacts(), name.firm_id, name.id, request->etag()));
              ToProto(contact, response);
              return absl::OkStatus();
            });
      });
}

grpc::ServerUnaryReactor* ContactGrpcService::MergeContacts(grpc::CallbackServerContext* context,
                                                            const v1::MergeContactsRequest* request,
                                                            v1::Contact* response) {
  return runner_.Run(
      context, "/refnet.v1.ContactService/MergeContacts", [=, this](const Principal& p) {
        REFNET_ASSIGN_OR_RETURN(ChildName survivor, ContactNameFor(p, request->name(), "name"));
        REFNET_ASSIGN_OR_RETURN(std::string merged_id,
                                ContactIdIn(request->merged(), survivor.firm_id, "merged"));
        REFNET_RETURN_IF_ERROR(rpc::RequireRole(p, {Role::kAdmin}, "merge contacts"));
        REFNET_RETURN_IF_ERROR(rpc::IdempotentWrite(
            store_, survivor.firm_id, "MergeContacts", *request, response,
            [&](storage::Tx& tx) -> absl::Status {
              REFNET_ASSIGN_OR_RETURN(
                  Contact contact,
                  book_.MergeContacts(tx.Contacts(), survivor.firm_id, survivor.id, merged_id));
              // The merged contact's favours move too, in the same transaction.
              REFNET_RETURN_IF_ERROR(ledger_.MergeParties(tx, survivor.firm_id,
                                                          absl::StrCat("contacts/", merged_id),
                                                          absl::StrCat("contacts/", survivor.id)));
              std::string from = absl::StrCat("contacts/", merged_id);
              std::string to = absl::StrCat("contacts/", survivor.id);
              REFNET_RETURN_IF_ERROR(tx.Referrals().ReassignParty(survivor.firm_id, from, to));
              REFNET_RETURN_IF_ERROR(tx.Asks().ReassignParty(survivor.firm_id, from, to));
              ToProto(contact, response);
              return absl::OkStatus();
            }));
        // Merges rebuild balances of both contacts; the firm's cached values go.
        balances_.Invalidate(survivor.firm_id);
        return absl::OkStatus();
      });
}

}  // namespace refnet::contacts
