// ReferralService requests from command-line flags. Parties are
// `members/ID`, `contacts/ID` or full names; amounts are `CUR:AMOUNT`, e.g.
// EUR:12500.50.
#pragma once

#include "absl/status/statusor.h"
#include "clients/refnetctl/flag_parser.h"
#include "clients/refnetctl/global_options.h"
#include "refnet/v1/referral_service.pb.h"

namespace refnet::ctl {

// `EUR:12500.50` → {EUR, 12500, 500000000}; a usage error naming `flag` otherwise.
absl::StatusOr<v1::Money> ParseMoney(absl::string_view text, absl::string_view flag);

// `referrals create --referrer P --recipient P (--prospect P | --prospect-text T)
//  --need T --warmth 1..5 [--estimated CUR:AMOUNT] [--confidential] [--offered-at TIME]`
absl::StatusOr<v1::CreateReferralRequest> BuildCreateReferral(const ParsedArgs& args,
                                                              const GlobalOptions& options);
// `referrals get ID`
absl::StatusOr<v1::GetReferralRequest> BuildGetReferral(const ParsedArgs& args,
                                                        const GlobalOptions& options);
// `referrals list [--referrer P] [--recipient P] [--prospect P] [--stage S]
//  [--status open|closed]`
absl::StatusOr<v1::ListReferralsRequest> BuildListReferrals(const ParsedArgs& args,
                                                            const GlobalOptions& options);
// `referrals move ID STAGE [--note T] [--closed CUR:AMOUNT] [--etag E] [--at TIME]`
absl::StatusOr<v1::MoveReferralRequest> BuildMoveReferral(const ParsedArgs& args,
                                                          const GlobalOptions& options);
// `referrals report [--party P] [--since TIME] [--until TIME]`
absl::StatusOr<v1::GetReferralReportRequest> BuildGetReferralReport(const ParsedArgs& args,
                                                                    const GlobalOptions& options);

}  // namespace refnet::ctl
