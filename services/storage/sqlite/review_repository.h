// The weekly review's reads in SQLite, each through an index (review_queries.h).
#pragma once

#include "services/review/ports/review_repository.h"
#include "services/storage/sqlite/database.h"

namespace refnet::storage::sqlite {

class SqliteReviewRepository final : public review::ReviewRepository {
 public:
  explicit SqliteReviewRepository(Database& db) : db_(db) {}

  absl::StatusOr<std::vector<ledger::PairBalance>> PairsChangedAfter(absl::string_view firm_id,
                                                                     absl::string_view party,
                                                                     absl::Time after) override;
  absl::StatusOr<std::vector<ledger::PairBalance>> PairsOwedBy(absl::string_view firm_id,
                                                               absl::string_view party,
                                                               int32_t limit) override;
  absl::StatusOr<std::vector<ledger::PairBalance>> OneWayPairsOf(absl::string_view firm_id,
                                                                 absl::string_view party,
                                                                 int32_t count_min,
                                                                 absl::Time active_since,
                                                                 int32_t limit) override;
  absl::StatusOr<std::vector<ledger::Favour>> FavoursUntil(absl::string_view firm_id,
                                                           absl::string_view giver,
                                                           absl::string_view receiver,
                                                           absl::Time until) override;
  absl::StatusOr<std::optional<ledger::Favour>> LatestLiveFavour(absl::string_view firm_id,
                                                                 absl::string_view giver,
                                                                 absl::string_view receiver,
                                                                 absl::Time until) override;
  absl::StatusOr<std::vector<contacts::Interaction>> InteractionsOf(absl::string_view firm_id,
                                                                    absl::string_view member_id,
                                                                    absl::Time after,
                                                                    absl::Time until) override;
  absl::StatusOr<std::optional<absl::Time>> LastInteraction(absl::string_view firm_id,
                                                            absl::string_view member_id,
                                                            absl::string_view contact_id,
                                                            absl::Time until) override;
  absl::StatusOr<std::vector<contacts::Relationship>> KeyRelationships(
      absl::string_view firm_id, absl::string_view member_id) override;
  absl::StatusOr<std::vector<asks::Ask>> RecentOpenAsks(absl::string_view firm_id,
                                                        int32_t limit) override;
  absl::StatusOr<std::vector<review::KnownContact>> ContactsKnownBy(absl::string_view firm_id,
                                                                    absl::string_view member_id,
                                                                    absl::Time until) override;
  absl::StatusOr<std::vector<referrals::Referral>> StuckReferralCandidates(
      absl::string_view firm_id, absl::string_view party, absl::Time stuck_before,
      absl::Time as_of) override;

 private:
  absl::Status ReadHistory(referrals::Referral& referral);
  // Runs one pair query per side (`as_a`, then `as_b`) and appends the rows.
  template <typename... Args>
  absl::StatusOr<std::vector<ledger::PairBalance>> BothSides(const char* as_a, const char* as_b,
                                                             const Args&... args);

  Database& db_;
};

}  // namespace refnet::storage::sqlite
