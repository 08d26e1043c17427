// Asks, their tags and routes in SQLite, and the indexed lookups that gather
// helper candidates.
#pragma once

#include "services/asks/ports/ask_repository.h"
#include "services/storage/sqlite/database.h"

namespace refnet::storage::sqlite {

class SqliteAskRepository final : public asks::AskRepository {
 public:
  explicit SqliteAskRepository(Database& db) : db_(db) {}

  absl::StatusOr<asks::Ask> GetAsk(absl::string_view firm_id, absl::string_view id) override;
  absl::Status InsertAsk(asks::Ask& ask) override;
  absl::Status UpdateAsk(const asks::Ask& ask) override;
  absl::StatusOr<std::vector<asks::Ask>> ListAsks(absl::string_view firm_id,
                                                  const asks::AskFilter& filter,
                                                  int64_t after_position, int32_t limit) override;
  absl::StatusOr<int64_t> CountOpenAsks(absl::string_view firm_id,
                                        absl::string_view asker) override;

  absl::Status InsertRoute(asks::Route& route) override;
  absl::StatusOr<int64_t> CountRoutesSince(absl::string_view firm_id, absl::string_view helper,
                                           absl::Time since) override;

  absl::Status ReassignParty(absl::string_view firm_id, absl::string_view from_party,
                             absl::string_view to_party) override;
  absl::StatusOr<std::vector<std::string>> ContactsTagged(absl::string_view firm_id,
                                                          absl::string_view tag,
                                                          int32_t limit) override;
  absl::StatusOr<std::vector<std::string>> ContactsKnownBy(absl::string_view firm_id,
                                                           absl::string_view member_id,
                                                           int32_t limit) override;
  absl::StatusOr<std::optional<asks::KnownBy>> BestKnownBy(absl::string_view firm_id,
                                                           absl::string_view contact_id) override;

 private:
  absl::Status ReadRoutes(asks::Ask& ask);

  Database& db_;
};

}  // namespace refnet::storage::sqlite
