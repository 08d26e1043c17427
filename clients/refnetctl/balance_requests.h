// LedgerService requests about balances and standings, from command-line
// words and flags. Parties are `members/ID`, `contacts/ID` or full names.
#pragma once

#include "absl/status/statusor.h"
#include "clients/refnetctl/flag_parser.h"
#include "clients/refnetctl/global_options.h"
#include "refnet/v1/ledger_service.pb.h"

namespace refnet::ctl {

// `balances get PARTY COUNTERPARTY`
absl::StatusOr<v1::GetBalanceRequest> BuildGetBalance(const ParsedArgs& args,
                                                      const GlobalOptions& options);
// `balances list PARTY [--direction owed-to-party|owed-by-party]`
absl::StatusOr<v1::ListBalancesRequest> BuildListBalances(const ParsedArgs& args,
                                                          const GlobalOptions& options);
// `balances explain PARTY COUNTERPARTY`
absl::StatusOr<v1::ExplainBalanceRequest> BuildExplainBalance(const ParsedArgs& args,
                                                              const GlobalOptions& options);
// `balances top [--limit N]`
absl::StatusOr<v1::ListTopBalancesRequest> BuildListTopBalances(const ParsedArgs& args,
                                                                const GlobalOptions& options);
// `standing PARTY`
absl::StatusOr<v1::GetStandingRequest> BuildGetStanding(const ParsedArgs& args,
                                                        const GlobalOptions& options);

}  // namespace refnet::ctl
