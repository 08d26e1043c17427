// Every refnetctl command, looked up by group and verb.
#pragma once

#include <vector>

#include "absl/strings/string_view.h"
#include "clients/refnetctl/command.h"

namespace refnet::ctl {

const std::vector<Command>& AllCommands();

// The command `group verb`, or `group` alone for one-word commands; null if none.
const Command* FindCommand(absl::string_view group, absl::string_view verb);

// Whether `group` names a group of commands that take a verb.
bool IsGroupWithVerbs(absl::string_view group);

// Group names in the order usage lists them.
std::vector<absl::string_view> GroupNames();

}  // namespace refnet::ctl
