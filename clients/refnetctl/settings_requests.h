// AdminService requests about the firm's ledger: its settings, the ledger
// check and the cache, from command-line flags.
#pragma once

#include "absl/status/statusor.h"
#include "clients/refnetctl/flag_parser.h"
#include "clients/refnetctl/global_options.h"
#include "refnet/v1/admin_service.pb.h"

namespace refnet::ctl {

// `settings get`
absl::StatusOr<v1::GetFirmSettingsRequest> BuildGetFirmSettings(const ParsedArgs& args,
                                                                const GlobalOptions& options);
// `settings update [--value KIND=POINTS]... [--balanced-band N] [--one-way-min N]
//  [--dormant-days N] [--taker-ratio X] [--taker-min N] [--taker-window N] [--key-max N]
//  [--warmth-percents P1,..,P5] [--stuck-days N] [--ask-cap N] [--ask-budget-base N]
//  [--ask-budget-points N] [--follow-up-days D1,D2,..] [--nurture-days N]
//  [--netting[=false]] [--etag E]`;
// the update mask names exactly the fields whose flags were given.
absl::StatusOr<v1::UpdateFirmSettingsRequest> BuildUpdateFirmSettings(const ParsedArgs& args,
                                                                      const GlobalOptions& options);
// `ledger check`
absl::StatusOr<v1::CheckLedgerRequest> BuildCheckLedger(const ParsedArgs& args,
                                                        const GlobalOptions& options);
// `cache rebuild`
absl::StatusOr<v1::RebuildCacheRequest> BuildRebuildCache(const ParsedArgs& args,
                                                          const GlobalOptions& options);
absl::StatusOr<v1::GetServerInfoRequest> BuildGetServerInfo(const ParsedArgs& args,
                                                            const GlobalOptions& options);

}  // namespace refnet::ctl
