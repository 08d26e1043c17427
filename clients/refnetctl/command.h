// A refnetctl subcommand: its name, its flags, and what it does.
#pragma once

#include <cstddef>
#include <memory>
#include <ostream>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "clients/refnetctl/flag_parser.h"
#include "clients/refnetctl/global_options.h"
#include "grpcpp/channel.h"

namespace refnet::ctl {

// Everything a command needs to run once.
struct CommandEnv {
  const ParsedArgs& args;
  const GlobalOptions& options;
  std::shared_ptr<grpc::Channel> channel;  // null for commands that stay local
  std::ostream& out;
};

struct Command {
  absl::string_view group = {};     // e.g. "contacts"
  absl::string_view verb = {};      // e.g. "update"; empty for one-word commands
  absl::string_view operands = {};  // positional words for usage, e.g. "NAME_OR_ID"
  absl::string_view summary = {};
  absl::string_view notes = {};  // printed under the summary in the command's usage
  std::vector<FlagSpec> flags = {};
  size_t positional_min = 0;
  size_t positional_max = 0;
  // Local commands (token) get neither global option resolution nor a channel.
  bool remote = true;
  absl::Status (*run)(CommandEnv& env) = nullptr;
};

// Adds --page-size, --page-token and --all to a List command's flags.
std::vector<FlagSpec> WithPaging(std::vector<FlagSpec> flags);

// The commands of each area, in the order usage lists them.
std::vector<Command> AdminCommands();
std::vector<Command> ContactCommands();
// `contacts import`, listed with the contact commands.
Command ImportContactsCommand();
std::vector<Command> GraphCommands();
std::vector<Command> LedgerCommands();
std::vector<Command> ReferralCommands();
std::vector<Command> AskCommands();
std::vector<Command> NetworkCommands();
std::vector<Command> SettingsCommands();
std::vector<Command> ReviewCommands();
Command TokenCommand();
Command BackupCommand();

}  // namespace refnet::ctl
