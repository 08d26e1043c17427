// Three parsing passes: global flags up to the group, up to the verb, then
// the rest against the global flags plus the command's own.
#include "clients/refnetctl/cli.h"

#include <optional>
#include <utility>

#include "absl/strings/str_cat.h"
#include "clients/refnetctl/command_table.h"
#include "clients/refnetctl/exit_status.h"
#include "clients/refnetctl/rpc.h"
#include "clients/refnetctl/usage.h"
#include "services/common/build_info.h"
#include "services/common/clock.h"

namespace refnet::ctl {
namespace {

// What the command line asks for: a command to run, or an exit code when
// parsing already answered it (usage shown, or a usage error reported).
struct Invocation {
  const Command* command = nullptr;
  ParsedArgs args;
  int exit_code = 0;
};

Invocation Finished(int exit_code) {
  Invocation invocation;
  invocation.exit_code = exit_code;
  return invocation;
}

int ReportUsageError(const absl::Status& status, const Command* command, std::ostream& err) {
  err << "refnetctl: " << status.message() << "\n";
  if (command != nullptr) {
    err << "usage: " << Synopsis(*command) << "\n";
    err << "Run `refnetctl " << command->group << (command->verb.empty() ? "" : " ")
        << command->verb << " --help` for its flags.\n";
  } else {
    err << "Run `refnetctl help` for usage.\n";
  }
  return kExitUsage;
}

absl::Status CheckOperands(const Command& command, const ParsedArgs& args) {
  size_t count = args.positional.size();
  if (count < command.positional_min) {
    return UsageError(absl::StrCat("missing ", command.operands));
  }
  if (count > command.positional_max) {
    return UsageError(
        absl::StrCat("unexpected operand \"", args.positional[command.positional_max], "\""));
  }
  return absl::OkStatus();
}

// Parses the words after the group and verb against the command's flags.
Invocation ParseCommandWords(const Command& command, absl::Span<const std::string> words,
                             ParsedArgs args, std::ostream& out, std::ostream& err) {
  std::vector<FlagSpec> specs(GlobalFlagSpecs().begin(), GlobalFlagSpecs().end());
  specs.insert(specs.end(), command.flags.begin(), command.flags.end());
  absl::StatusOr<ParseResult> rest = ParseFlags(words, specs);
  if (!rest.ok()) return Finished(ReportUsageError(rest.status(), &command, err));
  args.Merge(rest->args);
  if (args.Bool("help")) {
    PrintCommandUsage(command, out);
    return Finished(0);
  }
  absl::Status operands = CheckOperands(command, args);
  if (!operands.ok()) return Finished(ReportUsageError(operands, &command, err));
  Invocation invocation;
  invocation.command = &command;
  invocation.args = std::move(args);
  return invocation;
}

// `refnetctl help [TOPIC]`, `refnetctl --help`, or a bare `refnetctl`.
Invocation ShowHelp(absl::string_view topic, bool asked, std::ostream& out, std::ostream& err) {
  if (topic.empty()) {
    if (!asked) {
      PrintShortUsage(err);
      return Finished(kExitUsage);
    }
    PrintMainUsage(out);
  } else if (IsGroupWithVerbs(topic)) {
    PrintGroupUsage(topic, out);
  } else if (const Command* command = FindCommand(topic, "")) {
    PrintCommandUsage(*command, out);
  } else {
    return Finished(
        ReportUsageError(UsageError(absl::StrCat("no help for \"", topic, "\"")), nullptr, err));
  }
  return Finished(0);
}

Invocation ParseInvocation(const std::vector<std::string>& words, std::ostream& out,
                           std::ostream& err) {
  absl::Span<const std::string> rest(words);
  absl::StatusOr<ParseResult> head = ParseFlags(rest, GlobalFlagSpecs(), 1);
  if (!head.ok()) return Finished(ReportUsageError(head.status(), nullptr, err));
  ParsedArgs args = std::move(head->args);
  rest.remove_prefix(head->next);
  if (args.Bool("version")) {
    out << VersionLine("refnetctl") << "\n";
    return Finished(0);
  }
  if (args.positional.empty() || args.positional[0] == "help") {
    bool asked = !args.positional.empty() || args.Bool("help");
    return ShowHelp(rest.empty() ? "" : rest[0], asked, out, err);
  }
  std::string group = args.positional[0];
  args.positional.clear();
  if (const Command* single = FindCommand(group, "")) {
    return ParseCommandWords(*single, rest, std::move(args), out, err);
  }
  if (!IsGroupWithVerbs(group)) {
    return Finished(ReportUsageError(UsageError(absl::StrCat("unknown command \"", group, "\"")),
                                     nullptr, err));
  }
  absl::StatusOr<ParseResult> verb = ParseFlags(rest, GlobalFlagSpecs(), 1);
  if (!verb.ok()) return Finished(ReportUsageError(verb.status(), nullptr, err));
  args.Merge(verb->args);
  rest.remove_prefix(verb->next);
  if (args.positional.empty()) {
    PrintGroupUsage(group, args.Bool("help") ? out : err);
    return Finished(args.Bool("help") ? 0 : kExitUsage);
  }
  const Command* command = FindCommand(group, args.positional[0]);
  if (command == nullptr) {
    err << "refnetctl: unknown command \"" << group << " " << args.positional[0] << "\"\n";
    PrintGroupUsage(group, err);
    return Finished(kExitUsage);
  }
  args.positional.clear();
  return ParseCommandWords(*command, rest, std::move(args), out, err);
}

}  // namespace

int RunCli(const std::vector<std::string>& words, const EnvLookup& env, std::ostream& out,
           std::ostream& err) {
  Invocation invocation = ParseInvocation(words, out, err);
  if (invocation.command == nullptr) return invocation.exit_code;
  const Command& command = *invocation.command;
  GlobalOptions options;
  std::shared_ptr<grpc::Channel> channel;
  if (command.remote) {
    RandomIdGenerator ids;
    absl::StatusOr<GlobalOptions> resolved = ResolveGlobalOptions(invocation.args, env, ids);
    if (!resolved.ok()) {
      if (IsUsageError(resolved.status())) {
        return ReportUsageError(resolved.status(), &command, err);
      }
      return ReportError(resolved.status(), err);
    }
    options = *std::move(resolved);
    channel = MakeChannel(options);
  }
  CommandEnv command_env{invocation.args, options, channel, out};
  absl::Status status = command.run(command_env);
  if (status.ok()) return 0;
  if (IsUsageError(status)) return ReportUsageError(status, &command, err);
  return ReportError(status, err);
}

}  // namespace refnet::ctl
