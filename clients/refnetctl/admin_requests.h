// AdminService requests from command-line flags. Pure functions, so the
// mapping from flags to fields is tested without a server.
#pragma once

#include <ostream>

#include "absl/status/statusor.h"
#include "clients/refnetctl/flag_parser.h"
#include "clients/refnetctl/global_options.h"
#include "refnet/v1/admin_service.pb.h"

namespace refnet::ctl {

// `firms create ID --display-name NAME`
absl::StatusOr<v1::CreateFirmRequest> BuildCreateFirm(const ParsedArgs& args,
                                                      const GlobalOptions& options);
// `firms get ID_OR_NAME`
absl::StatusOr<v1::GetFirmRequest> BuildGetFirm(const ParsedArgs& args,
                                                const GlobalOptions& options);
// `firms list`
absl::StatusOr<v1::ListFirmsRequest> BuildListFirms(const ParsedArgs& args,
                                                    const GlobalOptions& options);

// `members create [ID] --display-name N --email E --role admin|member|service`
absl::StatusOr<v1::CreateMemberRequest> BuildCreateMember(const ParsedArgs& args,
                                                          const GlobalOptions& options);
// `members get ID_OR_NAME`
absl::StatusOr<v1::GetMemberRequest> BuildGetMember(const ParsedArgs& args,
                                                    const GlobalOptions& options);
// `members list [--show-inactive]`
absl::StatusOr<v1::ListMembersRequest> BuildListMembers(const ParsedArgs& args,
                                                        const GlobalOptions& options);
// `members update ID_OR_NAME [--display-name N] [--email E] [--role R] [--active=B]`;
// the update mask names exactly the fields whose flags were given.
absl::StatusOr<v1::UpdateMemberRequest> BuildUpdateMember(const ParsedArgs& args,
                                                          const GlobalOptions& options);

// `tokens issue MEMBER [--ttl DURATION]`: a token for the firm's member.
absl::StatusOr<v1::IssueTokenRequest> BuildIssueToken(const ParsedArgs& args,
                                                      const GlobalOptions& options);
// Prints only the token, so that `$(refnetctl tokens issue alice)` is one.
void PrintIssuedToken(const v1::IssueTokenResponse& response, std::ostream& out);

}  // namespace refnet::ctl
