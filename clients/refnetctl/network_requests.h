// NetworkService requests from command-line flags. Members and contacts are
// short ids (`alice`, `ann`) or full names.
#pragma once

#include "absl/status/statusor.h"
#include "clients/refnetctl/flag_parser.h"
#include "clients/refnetctl/global_options.h"
#include "refnet/v1/network_service.pb.h"

namespace refnet::ctl {

// `network paths (--contact C | --organization ORG) [--from M] [--max-hops N]
//  [--limit N] [--as-of TIME]`
absl::StatusOr<v1::FindIntroPathsRequest> BuildFindIntroPaths(const ParsedArgs& args,
                                                              const GlobalOptions& options);
// `network introductions [--member M | --whole-firm] [--limit N]`
absl::StatusOr<v1::SuggestIntroductionsRequest> BuildSuggestIntroductions(
    const ParsedArgs& args, const GlobalOptions& options);
// `network loops [--member M] [--max-length N] [--limit N]`
absl::StatusOr<v1::FindReciprocityLoopsRequest> BuildFindReciprocityLoops(
    const ParsedArgs& args, const GlobalOptions& options);
// `network netting [--limit N]`
absl::StatusOr<v1::SuggestNettingRequest> BuildSuggestNetting(const ParsedArgs& args,
                                                              const GlobalOptions& options);
// `network key-person-risk [--member M] [--contacts N]`
absl::StatusOr<v1::GetKeyPersonRiskRequest> BuildGetKeyPersonRisk(const ParsedArgs& args,
                                                                  const GlobalOptions& options);

}  // namespace refnet::ctl
