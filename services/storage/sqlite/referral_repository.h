// Referrals and their moves in SQLite.
#pragma once

#include "services/referrals/ports/referral_repository.h"
#include "services/storage/sqlite/database.h"

namespace refnet::storage::sqlite {

class SqliteReferralRepository final : public referrals::ReferralRepository {
 public:
  explicit SqliteReferralRepository(Database& db) : db_(db) {}

  absl::StatusOr<referrals::Referral> GetReferral(absl::string_view firm_id,
                                                  absl::string_view id) override;
  absl::Status InsertReferral(referrals::Referral& referral) override;
  absl::Status UpdateReferral(const referrals::Referral& referral) override;
  absl::Status AppendMove(const referrals::Referral& referral,
                          const referrals::ReferralMove& move) override;
  absl::StatusOr<std::vector<referrals::Referral>> ListReferrals(
      absl::string_view firm_id, const referrals::ReferralFilter& filter, int64_t after_position,
      int32_t limit) override;
  absl::StatusOr<std::vector<referrals::Referral>> ReferralsOfferedBetween(
      absl::string_view firm_id, absl::string_view party, std::optional<absl::Time> start,
      std::optional<absl::Time> end, size_t limit) override;
  absl::Status ReassignParty(absl::string_view firm_id, absl::string_view from_party,
                             absl::string_view to_party) override;

 private:
  absl::Status ReadHistory(referrals::Referral& referral);

  Database& db_;
};

}  // namespace refnet::storage::sqlite
