// Usage text: the whole tool, one group of commands, or one command.
#pragma once

#include <ostream>
#include <string>

#include "absl/strings/string_view.h"
#include "clients/refnetctl/command.h"

namespace refnet::ctl {

// How ledger commands name a party; a member and a contact may share an id.
inline constexpr absl::string_view kPartyRule =
    "Ledger parties (PARTY) are members or contacts, so they keep their collection:\n"
    "members/alice, contacts/ann, or a full name such as firms/acme/contacts/ann.\n"
    "A bare id such as `ann` is refused because it could name either.";

void PrintMainUsage(std::ostream& out);
// Two lines for a command line that named no command.
void PrintShortUsage(std::ostream& out);
void PrintGroupUsage(absl::string_view group, std::ostream& out);
void PrintCommandUsage(const Command& command, std::ostream& out);

// `refnetctl contacts update NAME_OR_ID [flags]`
std::string Synopsis(const Command& command);

}  // namespace refnet::ctl
