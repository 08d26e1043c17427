// The network's reads in SQLite (queries in network_queries.h).
#pragma once

#include "services/network/ports/network_repository.h"
#include "services/storage/sqlite/database.h"

namespace refnet::storage::sqlite {

class SqliteNetworkRepository final : public network::NetworkRepository {
 public:
  explicit SqliteNetworkRepository(Database& db) : db_(db) {}

  absl::StatusOr<std::vector<network::Tie>> TiesOfMember(absl::string_view firm_id,
                                                         absl::string_view member_id) override;
  absl::StatusOr<std::vector<network::Tie>> TiesOfContact(absl::string_view firm_id,
                                                          absl::string_view contact_id) override;
  absl::StatusOr<int32_t> CountKnowers(absl::string_view firm_id, absl::string_view contact_id,
                                       int32_t cap) override;
  absl::StatusOr<std::vector<std::string>> Neighbours(absl::string_view firm_id,
                                                      absl::string_view contact_id) override;
  absl::StatusOr<bool> Connected(absl::string_view firm_id, absl::string_view a,
                                 absl::string_view b) override;
  absl::StatusOr<bool> Introduced(absl::string_view firm_id, absl::string_view a,
                                  absl::string_view b) override;
  absl::StatusOr<std::vector<std::string>> ContactsAt(absl::string_view firm_id,
                                                      absl::string_view organization,
                                                      int32_t limit) override;
  absl::StatusOr<std::optional<network::ContactBrief>> GetBrief(
      absl::string_view firm_id, absl::string_view contact_id) override;
  absl::StatusOr<std::vector<network::ContactBrief>> MatchableContacts(absl::string_view firm_id,
                                                                       absl::string_view member_id,
                                                                       int32_t limit) override;
  absl::StatusOr<std::vector<std::pair<std::string, std::string>>> SoleKnowers(
      absl::string_view firm_id, absl::string_view member_id) override;
  absl::StatusOr<std::vector<network::GivenEdge>> GivenBy(absl::string_view firm_id,
                                                          absl::string_view party) override;

 private:
  Database& db_;
};

}  // namespace refnet::storage::sqlite
