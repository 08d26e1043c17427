// LedgerService requests about favours, from command-line flags. Parties are
// `members/ID`, `contacts/ID` or full names; a bare id is a usage error.
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "clients/refnetctl/flag_parser.h"
#include "clients/refnetctl/global_options.h"
#include "refnet/v1/ledger_service.pb.h"

namespace refnet::ctl {

// The flag's party as a full name; empty when the flag is absent.
absl::StatusOr<std::string> PartyFlag(const ParsedArgs& args, const GlobalOptions& options,
                                      absl::string_view flag);

// `favours record --giver P --receiver P --kind K [--points N] [--occurred-at TIME]
//  [--note T] [--referral ID] [--ask ID] [--introduced P]`
absl::StatusOr<v1::RecordFavourRequest> BuildRecordFavour(const ParsedArgs& args,
                                                          const GlobalOptions& options);
// `favours get ID`
absl::StatusOr<v1::GetFavourRequest> BuildGetFavour(const ParsedArgs& args,
                                                    const GlobalOptions& options);
// `favours list [--party P [--counterparty P]] [--kind K] [--since TIME] [--until TIME]`
absl::StatusOr<v1::ListFavoursRequest> BuildListFavours(const ParsedArgs& args,
                                                        const GlobalOptions& options);
// `favours void ID --reason TEXT`
absl::StatusOr<v1::VoidFavourRequest> BuildVoidFavour(const ParsedArgs& args,
                                                      const GlobalOptions& options);

}  // namespace refnet::ctl
