// Conversions and field validation for the referrals API.
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "refnet/v1/referral_service.pb.h"
#include "services/referrals/domain/pipeline.h"
#include "services/referrals/domain/types.h"

namespace refnet::referrals {

// An empty message (no currency, no amount) is no amount. Otherwise the
// currency is three upper-case letters and the amount is not negative.
absl::StatusOr<Money> MoneyFromProto(const refnet::v1::Money& money, absl::string_view field);
// A referral to create, validated field by field (names as `referral.…`).
absl::StatusOr<Referral> ReferralFromProto(const refnet::v1::Referral& referral,
                                           const std::string& firm_id);
// A stage a request names; `required` refuses STAGE_UNSPECIFIED.
absl::StatusOr<Stage> StageFromProto(refnet::v1::Stage stage, absl::string_view field,
                                     bool required);

void ToProto(const Referral& referral, const Viewer& viewer, refnet::v1::Referral* out);
void ToProto(const std::string& firm_id, const Report& report, refnet::v1::ReferralReport* out);

}  // namespace refnet::referrals
