// Command dispatch and usage text. Results go to `out`; progress and
// errors to `err`, so `--json` output stays a single object.
#include "clients/loadgen/cli.h"

#include "absl/strings/str_cat.h"
#include "absl/types/span.h"
#include "clients/loadgen/options.h"
#include "clients/loadgen/run_scenario.h"
#include "clients/loadgen/seed_report.h"
#include "clients/loadgen/seeder.h"
#include "clients/loadgen/store_seed_options.h"
#include "clients/loadgen/store_seed_report.h"
#include "clients/loadgen/store_seeder.h"
#include "services/common/build_info.h"

namespace refnet::loadgen {
namespace {

constexpr char kUsage[] = R"(usage:
  refnet-loadgen seed --target ADDR --token-file F --firm ID --contacts N --favours M
                      [--members K] [--in-flight N] [--json]
  refnet-loadgen seed-store --store sqlite:PATH --firm ID [--members 500]
                      [--contacts 100000] [--relationships 1000000]
                      [--connections 1000000] [--favours 1000000]
                      [--hub-member-contacts 5000] [--seed N] [--as-of TIME] [--json]
  refnet-loadgen run  --target ADDR --token-file F --firm ID --scenario NAME --duration-s S
                      [--in-flight N] [--rate R] [--max-in-flight N] [--channels M]
                      [--warmup-s W] [--members K] [--contacts N] [--hot-pairs P] [--note-bytes B]
                      [--mix get-balance=80,record-favour=15,list-contacts=5] [--json]
  refnet-loadgen --version

seed builds a synthetic firm through the API: members m0..m{K-1} (default 20),
contacts c0..c{N-1} and M favours, with --in-flight calls outstanding (default
64). The token must be an admin's of the firm. Request ids are derived from the
firm and each item's number, so seeding again adds nothing twice.

seed-store writes a large synthetic firm straight into a SQLite store file,
before a server is started on it: members m0..m{K-1} and an admin "boss",
contacts c0..c{N-1} at about 2000 organizations (and "Globex", a small one),
relationships (m0 knows --hub-member-contacts contacts), connections between
contacts, favours with their balances, and recent activity around m0. Its
content follows from --seed and --as-of (default: now).

run measures grpc.health.v1.Health/Check and then the scenario, each for
--duration-s seconds after --warmup-s (default 1) seconds of warm-up, over
--channels connections (default 4), and prints calls, throughput, latency
percentiles and errors per method, and each throughput as a ratio to health.
  scenarios: health, get-balance, record-favour, list-contacts, create-referral,
             suggest-helpers, find-intro-paths, suggest-introductions,
             weekly-review, mix
  closed loop (default): --in-flight calls (default 64) are always outstanding.
  open loop (--rate R): calls start at fixed times, R per second, latency counts
    from the intended start; calls over --max-in-flight (default 10000)
    outstanding are dropped and reported as DROPPED errors.
  get-balance, record-favour and create-referral use --hot-pairs (default 1000)
  fixed pairs of the seeded members (--members, default 20) and contacts
  (--contacts, default 1000); favours carry a note of --note-bytes (default 0,
  at most 2000). suggest-helpers first posts one ask per member.
  find-intro-paths and suggest-introductions ask for member m0: paths to a
  rotation of 100 contacts and, every fifth call, an organization.
  weekly-review reads m0's weekly review as of now, default items per section.

Exit status: 0 done (failed calls are reported), 1 target unreachable or seeding
incomplete, 2 usage error.
)";

int UsageError(const absl::Status& status, std::ostream& err) {
  err << "refnet-loadgen: " << status.message() << "\n"
      << "run `refnet-loadgen help` for usage\n";
  return kExitUsage;
}

int Failure(const absl::Status& status, std::ostream& err) {
  err << "refnet-loadgen: " << status.message() << "\n";
  return kExitFailure;
}

int Seed(absl::Span<const std::string> args, std::ostream& out, std::ostream& err) {
  absl::StatusOr<SeedOptions> options = ParseSeedOptions(args);
  if (!options.ok()) return UsageError(options.status(), err);
  absl::StatusOr<std::string> token = ReadTokenFile(options->token_file);
  if (!token.ok()) return UsageError(token.status(), err);
  absl::StatusOr<SeedSummary> summary = RunSeed(*options, *token, err);
  if (!summary.ok()) return Failure(summary.status(), err);
  if (options->json) {
    PrintSeedJson(*options, *summary, out);
  } else {
    PrintSeedTable(*options, *summary, out);
  }
  if (summary->failed() > 0) {
    return Failure(absl::UnknownError(absl::StrCat(
                       "seeding incomplete: ", summary->failed(),
                       " calls failed; seeding again with the same flags adds only what is "
                       "missing")),
                   err);
  }
  return 0;
}

int SeedStoreCommand(absl::Span<const std::string> args, std::ostream& out, std::ostream& err) {
  absl::StatusOr<StoreSeedOptions> options = ParseStoreSeedOptions(args);
  if (!options.ok()) return UsageError(options.status(), err);
  absl::StatusOr<StoreSeedSummary> summary = SeedStore(*options, err);
  if (!summary.ok()) return Failure(summary.status(), err);
  if (options->json) {
    PrintStoreSeedJson(*options, *summary, out);
  } else {
    PrintStoreSeedTable(*options, *summary, out);
  }
  return 0;
}

int Run(absl::Span<const std::string> args, std::ostream& out, std::ostream& err) {
  absl::StatusOr<RunOptions> options = ParseRunOptions(args);
  if (!options.ok()) return UsageError(options.status(), err);
  absl::StatusOr<std::string> token = ReadTokenFile(options->token_file);
  if (!token.ok()) return UsageError(token.status(), err);
  absl::StatusOr<RunReport> report = RunScenario(*options, *token, err);
  if (!report.ok()) return Failure(report.status(), err);
  if (options->json) {
    PrintRunJson(*report, out);
  } else {
    PrintRunTable(*report, out);
  }
  return 0;
}

}  // namespace

int RunCli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  if (args.empty()) {
    err << kUsage;
    return kExitUsage;
  }
  const std::string& command = args[0];
  absl::Span<const std::string> rest = absl::MakeConstSpan(args).subspan(1);
  if (command == "help" || command == "--help" || command == "-h") {
    out << kUsage;
    return 0;
  }
  if (command == "--version" || command == "version") {
    out << VersionLine("refnet-loadgen") << "\n";
    return 0;
  }
  if (command == "seed") return Seed(rest, out, err);
  if (command == "seed-store") return SeedStoreCommand(rest, out, err);
  if (command == "run") return Run(rest, out, err);
  return UsageError(
      absl::InvalidArgumentError(absl::StrCat("unknown command \"", command,
                                              "\"; expected seed, seed-store, run or help")),
      err);
}

}  // namespace refnet::loadgen
