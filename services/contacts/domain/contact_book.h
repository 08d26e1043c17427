// The rules for contacts and the relationship graph: unique emails, archived
// and merged contacts, key-relationship caps, last touch, merges.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/admin/ports/admin_repository.h"
#include "services/common/clock.h"
#include "services/common/limits.h"
#include "services/contacts/domain/import_rules.h"
#include "services/contacts/domain/types.h"
#include "services/contacts/ports/contact_repository.h"

namespace refnet::contacts {

// The fields an update may change; unset means unchanged.
struct ContactPatch {
  std::optional<std::string> display_name;
  std::optional<std::string> organization;
  std::optional<std::string> title;
  std::optional<std::vector<std::string>> emails;
  std::optional<std::vector<std::string>> phones;
  std::optional<std::vector<std::string>> tags;
  std::optional<std::vector<std::string>> offers;
  std::optional<std::vector<std::string>> needs;
  std::optional<std::string> notes;
  std::optional<std::string> source;
};

class ContactBook {
 public:
  ContactBook(Clock& clock, IdGenerator& ids) : clock_(clock), ids_(ids) {}

  // A random id is chosen when `draft.id` is empty.
  absl::StatusOr<Contact> CreateContact(ContactRepository& repo, Contact draft);
  // NOT_FOUND naming the survivor when the contact was merged away.
  absl::StatusOr<Contact> GetContact(ContactRepository& repo, const std::string& firm_id,
                                     const std::string& contact_id);
  absl::StatusOr<Contact> UpdateContact(ContactRepository& repo, const std::string& firm_id,
                                        const std::string& contact_id, const ContactPatch& patch,
                                        const std::string& etag);
  absl::StatusOr<Contact> ArchiveContact(ContactRepository& repo, const std::string& firm_id,
                                         const std::string& contact_id, const std::string& etag);
  // Moves everything that points at `merged_id` to `survivor_id`.
  absl::StatusOr<Contact> MergeContacts(ContactRepository& repo, const std::string& firm_id,
                                        const std::string& survivor_id,
                                        const std::string& merged_id);

  // Creates or replaces a relationship, keeping its last touch. The member
  // must exist; more key relationships than the firm's settings allow is
  // FAILED_PRECONDITION.
  absl::StatusOr<Relationship> SetRelationship(admin::AdminRepository& members,
                                               ContactRepository& repo, Relationship draft);
  // Records an interaction and moves the relationship's last touch forward,
  // creating a relationship of strength 1 when the member had none.
  absl::StatusOr<Interaction> LogInteraction(admin::AdminRepository& members,
                                             ContactRepository& repo, Interaction draft);
  // Records an undirected connection; connecting twice returns the first.
  absl::StatusOr<Connection> ConnectContacts(ContactRepository& repo, const std::string& firm_id,
                                             const std::string& contact_id,
                                             const std::string& other_id, const std::string& note);

  // Imports an event batch inside the caller's transaction and returns one
  // result per row, in order. A refused row writes nothing and does not fail
  // the batch; the member must be active and the event time at most a day
  // ahead, or the whole batch fails.
  absl::StatusOr<std::vector<ImportRowResult>> ImportContacts(admin::AdminRepository& members,
                                                              ContactRepository& repo,
                                                              const ImportBatch& batch);

 private:
  absl::StatusOr<ImportRowResult> ImportOneRow(admin::AdminRepository& members,
                                               ContactRepository& repo, const ImportBatch& batch,
                                               absl::Time event_time, const ImportRow& row,
                                               const TouchedContacts& touched);
  absl::Status CheckEmailsFree(ContactRepository& repo, const Contact& contact);
  absl::StatusOr<Contact> GetLiveContact(ContactRepository& repo, const std::string& firm_id,
                                         const std::string& contact_id, absl::string_view field);
  absl::Status MoveRelationships(ContactRepository& repo, const std::string& firm_id,
                                 const std::string& survivor_id, const std::string& merged_id);
  absl::Status MoveConnections(ContactRepository& repo, const std::string& firm_id,
                               const std::string& survivor_id, const std::string& merged_id);

  Clock& clock_;
  IdGenerator& ids_;
};

// Pure: folds `merged`'s fields into `survivor` — empty scalars are filled,
// lists are united without duplicates (emails case-insensitively), notes are
// joined.
void MergeContactFields(const Contact& merged, Contact& survivor);

// Pure: the relationship a member keeps when they knew both contacts.
Relationship CombineRelationships(const Relationship& survivor, const Relationship& merged);

}  // namespace refnet::contacts
