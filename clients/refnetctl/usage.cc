// Usage is generated from the command table, so it cannot fall behind it.
#include "clients/refnetctl/usage.h"

#include <algorithm>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/types/span.h"
#include "clients/refnetctl/command_table.h"
#include "clients/refnetctl/global_options.h"

namespace refnet::ctl {
namespace {

std::string FlagLabel(const FlagSpec& flag) {
  std::string label = absl::StrCat("--", flag.name);
  if (!flag.value_name.empty()) absl::StrAppend(&label, " ", flag.value_name);
  return label;
}

void PrintFlags(absl::Span<const FlagSpec> flags, std::ostream& out) {
  size_t width = 0;
  for (const FlagSpec& flag : flags) width = std::max(width, FlagLabel(flag).size());
  for (const FlagSpec& flag : flags) {
    std::string label = FlagLabel(flag);
    out << "  " << label << std::string(width - label.size() + 2, ' ') << flag.help << "\n";
  }
}

std::string CommandWords(const Command& command) {
  std::string words(command.group);
  if (!command.verb.empty()) absl::StrAppend(&words, " ", command.verb);
  if (!command.operands.empty()) absl::StrAppend(&words, " ", command.operands);
  return words;
}

void PrintCommandList(absl::string_view group, std::ostream& out) {
  std::vector<const Command*> shown;
  size_t width = 0;
  for (const Command& command : AllCommands()) {
    if (!group.empty() && command.group != group) continue;
    shown.push_back(&command);
    width = std::max(width, CommandWords(command).size());
  }
  for (const Command* command : shown) {
    std::string words = CommandWords(*command);
    out << "  " << words << std::string(width - words.size() + 2, ' ') << command->summary << "\n";
  }
  if (group.empty()) {
    absl::string_view help = "help [GROUP]";
    out << "  " << help << std::string(width - help.size() + 2, ' ')
        << "show usage of every command or of one group\n";
  }
}

}  // namespace

std::string Synopsis(const Command& command) {
  return absl::StrCat("refnetctl ", CommandWords(command), " [flags]");
}

void PrintMainUsage(std::ostream& out) {
  out << "usage: refnetctl [global flags] COMMAND [flags]\n\n"
      << "refnetctl drives a refnet server: firms, members, contacts, the firm's\n"
      << "relationship graph and its favours ledger. Short ids such as `alice` or `ann`\n"
      << "expand to full names in the firm given by --firm or named by the token.\n"
      << kPartyRule << "\n\ncommands:\n";
  PrintCommandList("", out);
  out << "\nglobal flags (before or after the command):\n";
  PrintFlags(GlobalFlagSpecs(), out);
  out << "\nErrors print `refnetctl: CODE: message` and exit with the gRPC code number;\n"
      << "usage errors exit 2, and `ledger check` exits 1 when it finds problems.\n";
}

void PrintShortUsage(std::ostream& out) {
  out << "usage: refnetctl [global flags] COMMAND [flags]\n"
      << "Run `refnetctl help` for the commands and flags.\n";
}

void PrintGroupUsage(absl::string_view group, std::ostream& out) {
  out << "usage: refnetctl " << group << " VERB [flags]\n\n";
  PrintCommandList(group, out);
  out << "\nRun `refnetctl " << group << " VERB --help` for a command's flags.\n";
}

void PrintCommandUsage(const Command& command, std::ostream& out) {
  out << "usage: " << Synopsis(command) << "\n\n" << command.summary << "\n";
  if (!command.notes.empty()) out << "\n" << command.notes << "\n";
  if (!command.flags.empty()) {
    out << "\nflags:\n";
    PrintFlags(command.flags, out);
  }
  out << "\nGlobal flags such as --target, --token and --firm work here too; see "
         "`refnetctl help`.\n";
}

}  // namespace refnet::ctl
