// The table is built once; commands are plain data plus a run function.
#include "clients/refnetctl/command_table.h"

#include <algorithm>

namespace refnet::ctl {

std::vector<FlagSpec> WithPaging(std::vector<FlagSpec> flags) {
  flags.push_back({"page-size", FlagKind::kValue, "N", "items per page (default 50, max 1000)"});
  flags.push_back({"page-token", FlagKind::kValue, "TOKEN", "continue from an earlier page"});
  flags.push_back({"all", FlagKind::kBool, "", "follow next page tokens to the end"});
  return flags;
}

const std::vector<Command>& AllCommands() {
  static const auto* const commands = [] {
    auto* all = new std::vector<Command>();
    all->push_back(TokenCommand());
    all->push_back(BackupCommand());
    for (auto part :
         {AdminCommands(), ContactCommands(), GraphCommands(), LedgerCommands(), ReferralCommands(),
          AskCommands(), NetworkCommands(), ReviewCommands(), SettingsCommands()}) {
      all->insert(all->end(), part.begin(), part.end());
    }
    return all;
  }();
  return *commands;
}

const Command* FindCommand(absl::string_view group, absl::string_view verb) {
  for (const Command& command : AllCommands()) {
    if (command.group == group && command.verb == verb) return &command;
  }
  return nullptr;
}

bool IsGroupWithVerbs(absl::string_view group) {
  return std::any_of(AllCommands().begin(), AllCommands().end(), [&](const Command& command) {
    return command.group == group && !command.verb.empty();
  });
}

std::vector<absl::string_view> GroupNames() {
  std::vector<absl::string_view> names;
  for (const Command& command : AllCommands()) {
    if (std::find(names.begin(), names.end(), command.group) == names.end()) {
      names.push_back(command.group);
    }
  }
  return names;
}

}  // namespace refnet::ctl
