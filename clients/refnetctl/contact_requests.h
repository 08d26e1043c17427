// ContactService requests about contacts themselves, from command-line flags.
#pragma once

#include "absl/status/statusor.h"
#include "clients/refnetctl/flag_parser.h"
#include "clients/refnetctl/global_options.h"
#include "refnet/v1/contact_service.pb.h"

namespace refnet::ctl {

// `contacts create [ID] --display-name N [--org O] [--title T] [--email E]...
//  [--phone P]... [--tag T]... [--offer O]... [--need N]... [--notes N] [--source S]`
absl::StatusOr<v1::CreateContactRequest> BuildCreateContact(const ParsedArgs& args,
                                                            const GlobalOptions& options);
// `contacts get NAME_OR_ID`
absl::StatusOr<v1::GetContactRequest> BuildGetContact(const ParsedArgs& args,
                                                      const GlobalOptions& options);
// `contacts list [--tag T] [--org O] [--known-by M] [--query Q] [--show-archived]`
absl::StatusOr<v1::ListContactsRequest> BuildListContacts(const ParsedArgs& args,
                                                          const GlobalOptions& options);
// `contacts update NAME_OR_ID [field flags] [--clear FIELD]... [--etag E]`; the
// update mask names the fields whose flags were given, and --clear empties one.
absl::StatusOr<v1::UpdateContactRequest> BuildUpdateContact(const ParsedArgs& args,
                                                            const GlobalOptions& options);
// `contacts delete NAME_OR_ID [--etag E]`
absl::StatusOr<v1::DeleteContactRequest> BuildDeleteContact(const ParsedArgs& args,
                                                            const GlobalOptions& options);
// `contacts merge SURVIVOR MERGED`
absl::StatusOr<v1::MergeContactsRequest> BuildMergeContacts(const ParsedArgs& args,
                                                            const GlobalOptions& options);

}  // namespace refnet::ctl
