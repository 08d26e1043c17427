// AskService requests from command-line flags. Parties are `members/ID`,
// `contacts/ID` or full names.
#pragma once

#include "absl/status/statusor.h"
#include "clients/refnetctl/flag_parser.h"
#include "clients/refnetctl/global_options.h"
#include "refnet/v1/ask_service.pb.h"

namespace refnet::ctl {

// `asks create --asker P --need T [--tag T]... [--due TIME]`
absl::StatusOr<v1::CreateAskRequest> BuildCreateAsk(const ParsedArgs& args,
                                                    const GlobalOptions& options);
// `asks get ID`
absl::StatusOr<v1::GetAskRequest> BuildGetAsk(const ParsedArgs& args,
                                              const GlobalOptions& options);
// `asks list [--state open|fulfilled|closed] [--asker P] [--tag T]`
absl::StatusOr<v1::ListAsksRequest> BuildListAsks(const ParsedArgs& args,
                                                  const GlobalOptions& options);
// `asks close ID`
absl::StatusOr<v1::CloseAskRequest> BuildCloseAsk(const ParsedArgs& args,
                                                  const GlobalOptions& options);
// `asks suggest ID [--limit N]`
absl::StatusOr<v1::SuggestHelpersRequest> BuildSuggestHelpers(const ParsedArgs& args,
                                                              const GlobalOptions& options);
// `asks route ID --helper P`
absl::StatusOr<v1::RouteAskRequest> BuildRouteAsk(const ParsedArgs& args,
                                                  const GlobalOptions& options);
// `asks fulfil ID --helper P --kind K [--points N] [--note T] [--occurred-at TIME]`
absl::StatusOr<v1::FulfilAskRequest> BuildFulfilAsk(const ParsedArgs& args,
                                                    const GlobalOptions& options);

}  // namespace refnet::ctl
