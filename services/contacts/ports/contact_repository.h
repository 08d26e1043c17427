// What the contacts domain needs from a store: contacts, relationships,
// interactions and connections of one firm at a time.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "services/contacts/domain/types.h"

namespace refnet::contacts {

class ContactRepository {
 public:
  virtual ~ContactRepository() = default;

  // NOT_FOUND when absent. Archived and merged contacts are returned.
  virtual absl::StatusOr<Contact> GetContact(absl::string_view firm_id,
                                             absl::string_view contact_id) = 0;
  // The id of the contact this one was merged into, empty when it was not;
  // NOT_FOUND when absent. Reads one column, for checks on hot write paths.
  virtual absl::StatusOr<std::string> MergedInto(absl::string_view firm_id,
                                                 absl::string_view contact_id) = 0;
  // The id of the contact holding this lower-cased email, if any.
  virtual absl::StatusOr<std::optional<std::string>> FindContactByEmail(
      absl::string_view firm_id, absl::string_view email_lower) = 0;
  // ALREADY_EXISTS when the id is taken. Sets `position`.
  virtual absl::Status InsertContact(Contact& contact) = 0;
  // Replaces the stored contact (and its email and tag indexes).
  virtual absl::Status UpdateContact(const Contact& contact) = 0;
  virtual absl::StatusOr<std::vector<Contact>> ListContacts(absl::string_view firm_id,
                                                            const ContactFilter& filter,
                                                            int64_t after_position,
                                                            int32_t limit) = 0;

  virtual absl::StatusOr<std::optional<Relationship>> GetRelationship(
      absl::string_view firm_id, absl::string_view member_id, absl::string_view contact_id) = 0;
  // Inserts or replaces by (firm, member, contact). Sets `position` on insert.
  virtual absl::Status UpsertRelationship(Relationship& relationship) = 0;
  virtual absl::Status DeleteRelationship(absl::string_view firm_id, absl::string_view member_id,
                                          absl::string_view contact_id) = 0;
  virtual absl::StatusOr<int32_t> CountKeyRelationships(absl::string_view firm_id,
                                                        absl::string_view member_id) = 0;
  virtual absl::StatusOr<std::vector<Relationship>> ListRelationships(
      absl::string_view firm_id, const RelationshipFilter& filter, int64_t after_position,
      int32_t limit) = 0;

  virtual absl::Status InsertInteraction(Interaction& interaction) = 0;
  virtual absl::StatusOr<std::vector<Interaction>> ListInteractions(absl::string_view firm_id,
                                                                    absl::string_view member_id,
                                                                    absl::string_view contact_id,
                                                                    int64_t after_position,
                                                                    int32_t limit) = 0;
  // Points every interaction with `from_contact` at `to_contact`.
  virtual absl::Status ReassignInteractions(absl::string_view firm_id,
                                            absl::string_view from_contact,
                                            absl::string_view to_contact) = 0;
  // Points every relationship met through `from_contact` at `to_contact`.
  virtual absl::Status ReassignMetThrough(absl::string_view firm_id, absl::string_view from_contact,
                                          absl::string_view to_contact) = 0;

  virtual absl::StatusOr<std::optional<Connection>> GetConnection(absl::string_view firm_id,
                                                                  absl::string_view contact_id,
                                                                  absl::string_view other_id) = 0;
  virtual absl::Status InsertConnection(Connection& connection) = 0;
  virtual absl::Status DeleteConnection(absl::string_view firm_id,
                                        absl::string_view connection_id) = 0;
  // Connections touching `contact_id` (either end), or all when it is empty.
  virtual absl::StatusOr<std::vector<Connection>> ListConnections(absl::string_view firm_id,
                                                                  absl::string_view contact_id,
                                                                  int64_t after_position,
                                                                  int32_t limit) = 0;
};

}  // namespace refnet::contacts
