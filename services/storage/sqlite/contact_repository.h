// Contacts, relationships, interactions and connections in SQLite.
#pragma once

#include "services/contacts/ports/contact_repository.h"
#include "services/storage/sqlite/database.h"

namespace refnet::storage::sqlite {

class SqliteContactRepository final : public contacts::ContactRepository {
 public:
  explicit SqliteContactRepository(Database& db) : db_(db) {}

  absl::StatusOr<contacts::Contact> GetContact(absl::string_view firm_id,
                                               absl::string_view contact_id) override;
  absl::StatusOr<std::string> MergedInto(absl::string_view firm_id,
                                         absl::string_view contact_id) override;
  absl::StatusOr<std::optional<std::string>> FindContactByEmail(
      absl::string_view firm_id, absl::string_view email_lower) override;
  absl::Status InsertContact(contacts::Contact& contact) override;
  absl::Status UpdateContact(const contacts::Contact& contact) override;
  absl::StatusOr<std::vector<contacts::Contact>> ListContacts(absl::string_view firm_id,
                                                              const contacts::ContactFilter& filter,
                                                              int64_t after_position,
                                                              int32_t limit) override;

  absl::StatusOr<std::optional<contacts::Relationship>> GetRelationship(
      absl::string_view firm_id, absl::string_view member_id,
      absl::string_view contact_id) override;
  absl::Status UpsertRelationship(contacts::Relationship& relationship) override;
  absl::Status DeleteRelationship(absl::string_view firm_id, absl::string_view member_id,
                                  absl::string_view contact_id) override;
  absl::StatusOr<int32_t> CountKeyRelationships(absl::string_view firm_id,
                                                absl::string_view member_id) override;
  absl::StatusOr<std::vector<contacts::Relationship>> ListRelationships(
      absl::string_view firm_id, const contacts::RelationshipFilter& filter, int64_t after_position,
      int32_t limit) override;

  absl::Status InsertInteraction(contacts::Interaction& interaction) override;
  absl::StatusOr<std::vector<contacts::Interaction>> ListInteractions(absl::string_view firm_id,
                                                                      absl::string_view member_id,
                                                                      absl::string_view contact_id,
                                                                      int64_t after_position,
                                                                      int32_t limit) override;
  absl::Status ReassignInteractions(absl::string_view firm_id, absl::string_view from_contact,
                                    absl::string_view to_contact) override;
  absl::Status ReassignMetThrough(absl::string_view firm_id, absl::string_view from_contact,
                                  absl::string_view to_contact) override;

  absl::StatusOr<std::optional<contacts::Connection>> GetConnection(
      absl::string_view firm_id, absl::string_view contact_id, absl::string_view other_id) override;
  absl::Status InsertConnection(contacts::Connection& connection) override;
  absl::Status DeleteConnection(absl::string_view firm_id,
                                absl::string_view connection_id) override;
  absl::StatusOr<std::vector<contacts::Connection>> ListConnections(absl::string_view firm_id,
                                                                    absl::string_view contact_id,
                                                                    int64_t after_position,
                                                                    int32_t limit) override;

 private:
  absl::Status WriteContactIndexes(const contacts::Contact& contact);

  Database& db_;
};

}  // namespace refnet::storage::sqlite
