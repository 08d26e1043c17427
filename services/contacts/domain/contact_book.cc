// Contact rules: creation, reads of merged contacts, updates and archiving.
#include "services/contacts/domain/contact_book.h"

#include "absl/strings/str_cat.h"
#include "services/common/etag.h"
#include "services/common/resource_names.h"
#include "services/common/status.h"
#include "services/common/validation.h"

namespace refnet::contacts {

absl::Status ContactBook::CheckEmailsFree(ContactRepository& repo, const Contact& contact) {
  for (size_t i = 0; i < contact.emails.size(); ++i) {
    const std::string& email = contact.emails[i];
    REFNET_ASSIGN_OR_RETURN(std::optional<std::string> holder,
                            repo.FindContactByEmail(contact.firm_id, LowerAscii(email)));
    if (holder && *holder != contact.id) {
      return absl::AlreadyExistsError(absl::StrCat("contact.emails[", i, "]: ", email,
                                                   " is already used by ",
                                                   ContactName(contact.firm_id, *holder)));
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<Contact> ContactBook::GetLiveContact(ContactRepository& repo,
                                                    const std::string& firm_id,
                                                    const std::string& contact_id,
                                                    absl::string_view field) {
  absl::StatusOr<Contact> contact = repo.GetContact(firm_id, contact_id);
  if (absl::IsNotFound(contact.status())) {
    return absl::NotFoundError(
        absl::StrCat(field, ": contact ", ContactName(firm_id, contact_id), " does not exist"));
  }
  if (!contact.ok()) return contact.status();
  if (!contact->merged_into.empty()) {
    return absl::NotFoundError(absl::StrCat(field, ": contact ", ContactName(firm_id, contact_id),
                                            " was merged into ",
                                            ContactName(firm_id, contact->merged_into)));
  }
  return contact;
}

absl::StatusOr<Contact> ContactBook::CreateContact(ContactRepository& repo, Contact draft) {
  if (draft.id.empty()) draft.id = ids_.NewId();
  absl::StatusOr<Contact> existing = repo.GetContact(draft.firm_id, draft.id);
  if (existing.ok()) {
    return absl::AlreadyExistsError(absl::StrCat(
        "contact_id: contact ", ContactName(draft.firm_id, draft.id), " already exists"));
  }
  if (!absl::IsNotFound(existing.status())) return existing.status();
  REFNET_RETURN_IF_ERROR(CheckEmailsFree(repo, draft));
  draft.create_time = draft.update_time = clock_.Now();
  draft.archived = false;
  draft.merged_into.clear();
  draft.version = 1;
  REFNET_RETURN_IF_ERROR(repo.InsertContact(draft));
  return draft;
}

absl::StatusOr<Contact> ContactBook::GetContact(ContactRepository& repo, const std::string& firm_id,
                                                const std::string& contact_id) {
  return GetLiveContact(repo, firm_id, contact_id, "name");
}

absl::StatusOr<Contact> ContactBook::UpdateContact(ContactRepository& repo,
                                                   const std::string& firm_id,
                                                   const std::string& contact_id,
                                                   const ContactPatch& patch,
                                                   const std::string& etag) {
  REFNET_ASSIGN_OR_RETURN(Contact contact,
                          GetLiveContact(repo, firm_id, contact_id, "contact.name"));
  REFNET_RETURN_IF_ERROR(CheckEtag(etag, contact.version, "contact"));
  if (contact.archived) {
    return absl::FailedPreconditionError(
        absl::StrCat("contact.name: ", ContactName(firm_id, contact_id), " is archived"));
  }
  if (patch.display_name) contact.display_name = *patch.display_name;
  if (patch.organization) contact.organization = *patch.organization;
  if (patch.title) contact.title = *patch.title;
  if (patch.emails) contact.emails = *patch.emails;
  if (patch.phones) contact.phones = *patch.phones;
  if (patch.tags) contact.tags = *patch.tags;
  if (patch.offers) contact.offers = *patch.offers;
  if (patch.needs) contact.needs = *patch.needs;
  if (patch.notes) contact.notes = *patch.notes;
  if (patch.source) contact.source = *patch.source;
  if (patch.emails) REFNET_RETURN_IF_ERROR(CheckEmailsFree(repo, contact));
  contact.update_time = clock_.Now();
  contact.version += 1;
  REFNET_RETURN_IF_ERROR(repo.UpdateContact(contact));
  return contact;
}

absl::StatusOr<Contact> ContactBook::ArchiveContact(ContactRepository& repo,
                                                    const std::string& firm_id,
                                                    const std::string& contact_id,
                                                    const std::string& etag) {
  REFNET_ASSIGN_OR_RETURN(Contact contact, GetLiveContact(repo, firm_id, contact_id, "name"));
  REFNET_RETURN_IF_ERROR(CheckEtag(etag, contact.version, "contact"));
  if (contact.archived) return contact;  // archiving is idempotent
  contact.archived = true;
  contact.update_time = clock_.Now();
  contact.version += 1;
  REFNET_RETURN_IF_ERROR(repo.UpdateContact(contact));
  return contact;
}

}  // namespace refnet::contacts
