// Usage text: the whole tool, one group of commands, or one command.
#pragma once

#include <ostream>
#include <string>

#include "absl/strings/string_view.h"
#include "clients/refnetctl/command.h"

namespace refnet::ctl {

void PrintMainUsage(std::ostream& out);
// Two lines for a command line that named no command.
void PrintShortUsage(std::ostream& out);
void PrintGroupUsage(absl::string_view group, std::ostream& out);
void PrintCommandUsage(const Command& command, std::ostream& out);

// `refnetctl contacts update NAME_OR_ID [flags]`
std::string Synopsis(const Command& command);

}  // namespace refnet::ctl
