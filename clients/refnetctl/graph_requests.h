// ContactService requests about the relationship graph: relationships,
// interactions and connections, from command-line flags.
#pragma once

#include "absl/status/statusor.h"
#include "clients/refnetctl/flag_parser.h"
#include "clients/refnetctl/global_options.h"
#include "refnet/v1/contact_service.pb.h"

namespace refnet::ctl {

// `relationships set --contact C --strength 1..5 [--member M] [--how-met T]
//  [--met-through C] [--key[=false]]`; the member defaults to the caller.
absl::StatusOr<v1::SetRelationshipRequest> BuildSetRelationship(const ParsedArgs& args,
                                                                const GlobalOptions& options);
// `relationships list [--member M] [--contact C] [--key-only]`
absl::StatusOr<v1::ListRelationshipsRequest> BuildListRelationships(const ParsedArgs& args,
                                                                    const GlobalOptions& options);

// `interactions log --contact C --kind K [--member M] [--occurred-at TIME]
//  [--event-name N] [--note N]`; the member defaults to the caller.
absl::StatusOr<v1::LogInteractionRequest> BuildLogInteraction(const ParsedArgs& args,
                                                              const GlobalOptions& options);
// `interactions list [--member M] [--contact C]`
absl::StatusOr<v1::ListInteractionsRequest> BuildListInteractions(const ParsedArgs& args,
                                                                  const GlobalOptions& options);

// `connections create CONTACT OTHER [--note N]`
absl::StatusOr<v1::ConnectContactsRequest> BuildConnectContacts(const ParsedArgs& args,
                                                                const GlobalOptions& options);
// `connections list [--contact C]`
absl::StatusOr<v1::ListConnectionsRequest> BuildListConnections(const ParsedArgs& args,
                                                                const GlobalOptions& options);

}  // namespace refnet::ctl
