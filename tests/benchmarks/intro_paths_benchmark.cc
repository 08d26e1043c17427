// Micro-benchmarks of the network domain's graph walks on a medium synthetic
// firm in a SQLite file: warm-introduction paths from the hub member m0 to
// one contact and to an organization, and the introductions m0 could make.
// The firm is seeded once per process (seed-store's code, sizes overridable
// through INTRO_BENCH_* variables) into a temporary folder removed at exit.
// A search that fails, or finds nothing where something must exist, stops
// its benchmark with an error and makes the program exit 1.
#include <benchmark/benchmark.h>
#include <stdlib.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/string_view.h"
#include "clients/loadgen/store_seed_options.h"
#include "clients/loadgen/store_seeder.h"
#include "clients/loadgen/synthetic_firm.h"
#include "services/common/clock.h"
#include "services/common/status.h"
#include "services/network/domain/intro_paths.h"
#include "services/network/domain/introductions.h"
#include "services/storage/sqlite/sqlite_store.h"

namespace refnet::network {
namespace {

constexpr char kFirm[] = "bench";
// The member who knows the most contacts in a seeded firm.
constexpr char kHub[] = "m0";
// A fixed moment, so every run seeds and searches the same firm.
constexpr char kAsOf[] = "2026-01-31T09:00:00Z";
// NetworkService aims an organization query at this many contacts at most.
constexpr int32_t kOrganizationTargetsMax = 200;

// A seed-store flag, the variable that overrides it and its default. The
// defaults make a firm that seeds in about 15 s on two cores.
struct SizeFlag {
  const char* flag;
  const char* variable;
  const char* fallback;
};
constexpr SizeFlag kSizeFlags[] = {
    {"members", "INTRO_BENCH_MEMBERS", "200"},
    {"contacts", "INTRO_BENCH_CONTACTS", "20000"},
    {"relationships", "INTRO_BENCH_RELATIONSHIPS", "200000"},
    {"connections", "INTRO_BENCH_CONNECTIONS", "200000"},
    {"favours", "INTRO_BENCH_FAVOURS", "100000"},
    {"hub-member-contacts", "INTRO_BENCH_HUB_CONTACTS", "2000"},
};

// seed-store's flags, so overrides are checked as the command checks them.
std::vector<std::string> SeedArgs(const std::string& store_path) {
  std::vector<std::string> args = {"--store", "sqlite:" + store_path, "--firm", kFirm, "--as-of",
                                   kAsOf};
  for (const SizeFlag& size : kSizeFlags) {
    const char* value = std::getenv(size.variable);
    args.push_back(absl::StrCat("--", size.flag));
    args.push_back(value != nullptr && *value != '\0' ? value : size.fallback);
  }
  return args;
}

// A target and whether a path to it must exist: when some member knows it,
// m0 reaches it in one hop, or in two through that colleague.
struct ContactTarget {
  std::string id;
  bool known = false;
};

struct OrganizationTarget {
  std::string name;
  int64_t contacts = 0;
  bool known = false;  // some member knows one of its contacts
};

// The seeded firm, an open store on it, and the targets bench-network.sh's
// scenarios use (BuildIntroTargets).
struct Firm {
  Firm() {
    status = Build();
    if (!status.ok()) std::cerr << "intro_paths_benchmark: " << status << "\n";
  }

  ~Firm() {
    store.reset();
    std::error_code ignored;
    if (!folder.empty()) std::filesystem::remove_all(folder, ignored);
  }

  absl::Status Build() {
    std::error_code error;
    std::filesystem::path temp = std::filesystem::temp_directory_path(error);
    if (error) return absl::InternalError("no temporary folder: " + error.message());
    std::string pattern = (temp / "refnet-intro-paths-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) {
      return absl::InternalError("cannot create a folder in " + temp.string());
    }
    folder = pattern;
    std::string path = folder + "/store.db";
    absl::StatusOr<loadgen::StoreSeedOptions> options =
        loadgen::ParseStoreSeedOptions(SeedArgs(path));
    if (!options.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat("INTRO_BENCH_* sizes: ", options.status().message()));
    }
    REFNET_ASSIGN_OR_RETURN(loadgen::StoreSeedSummary seeded,
                            loadgen::SeedStore(*options, std::cerr));
    std::cerr << absl::StrFormat(
        "intro_paths_benchmark: seeded %d members, %d contacts, %d relationships (m0: %d), "
        "%d connections, %d favours in %.1f s\n",
        options->members, options->contacts, options->relationships, options->hub_member_contacts,
        options->connections, options->favours, seeded.total_s);
    as_of = *options->as_of;
    REFNET_ASSIGN_OR_RETURN(store, storage::sqlite::SqliteStore::Open(path, clock));
    loadgen::IntroTargets targets = loadgen::BuildIntroTargets(kFirm, options->contacts);
    return store->Read([&](storage::Tx& tx) -> absl::Status {
      for (const std::string& name : targets.contacts) {
        ContactTarget target;
        target.id = name.substr(name.rfind('/') + 1);
        REFNET_ASSIGN_OR_RETURN(int32_t knowers, tx.Network().CountKnowers(kFirm, target.id, 1));
        target.known = knowers > 0;
        contacts.push_back(std::move(target));
      }
      for (const std::string& name : targets.organizations) {
        OrganizationTarget target;
        target.name = name;
        REFNET_ASSIGN_OR_RETURN(std::vector<std::string> ids,
                                tx.Network().ContactsAt(kFirm, name, kOrganizationTargetsMax));
        target.contacts = static_cast<int64_t>(ids.size());
        for (const std::string& id : ids) {
          REFNET_ASSIGN_OR_RETURN(int32_t knowers, tx.Network().CountKnowers(kFirm, id, 1));
          target.known = target.known || knowers > 0;
        }
        organizations.push_back(std::move(target));
      }
      return absl::OkStatus();
    });
  }

  PathQuery Query(int32_t max_hops) const {
    PathQuery query;
    query.firm_id = kFirm;
    query.from_member_id = kHub;
    query.max_hops = max_hops;
    query.as_of = as_of;
    return query;
  }

  absl::Status status;
  std::string folder;
  SystemClock clock;
  std::unique_ptr<storage::sqlite::SqliteStore> store;
  absl::Time as_of;
  std::vector<ContactTarget> contacts;
  std::vector<OrganizationTarget> organizations;
};

// A function-local static: seeded by the first benchmark that runs, removed
// at exit.
Firm& TheFirm() {
  static Firm firm;
  return firm;
}

bool any_failed = false;

void Fail(benchmark::State& state, const absl::Status& status) {
  any_failed = true;
  state.SkipWithError(status.ToString().c_str());
}

// One search in one read transaction, as NetworkService runs it: an
// organization is first resolved into its contacts.
absl::StatusOr<PathSearchResult> Search(storage::Store& store, PathQuery& query,
                                        absl::string_view organization) {
  absl::StatusOr<PathSearchResult> found;
  REFNET_RETURN_IF_ERROR(store.Read([&](storage::Tx& tx) -> absl::Status {
    if (!organization.empty()) {
      REFNET_ASSIGN_OR_RETURN(
          query.target_contact_ids,
          tx.Network().ContactsAt(query.firm_id, organization, kOrganizationTargetsMax));
    }
    found = FindIntroPaths(tx, query);
    return found.status();
  }));
  return found;
}

void ReportSearches(benchmark::State& state, int64_t truncated, int64_t paths) {
  state.SetItemsProcessed(state.iterations());
  state.counters["truncated"] =
      benchmark::Counter(static_cast<double>(truncated), benchmark::Counter::kAvgIterations);
  state.counters["paths"] =
      benchmark::Counter(static_cast<double>(paths), benchmark::Counter::kAvgIterations);
}

// m0 to one contact at a time, in turn over the targets.
void BM_FindIntroPathsToContact(benchmark::State& state) {
  Firm& firm = TheFirm();
  if (!firm.status.ok()) return Fail(state, firm.status);
  PathQuery query = firm.Query(static_cast<int32_t>(state.range(0)));
  size_t turn = 0;
  int64_t truncated = 0;
  int64_t paths = 0;
  for (auto _ : state) {
    const ContactTarget& target = firm.contacts[turn++ % firm.contacts.size()];
    query.target_contact_ids = {target.id};
    absl::StatusOr<PathSearchResult> found = Search(*firm.store, query, "");
    if (!found.ok()) {
      Fail(state, found.status());
      break;
    }
    if (found->paths.empty() && target.known) {
      Fail(state, absl::InternalError(
                      absl::StrCat("no path from m0 to ", target.id, ", whom a member knows")));
      break;
    }
    truncated += found->truncated ? 1 : 0;
    paths += static_cast<int64_t>(found->paths.size());
  }
  ReportSearches(state, truncated, paths);
  state.SetLabel(absl::StrCat(firm.contacts.size(), " contacts in turn"));
}
BENCHMARK(BM_FindIntroPathsToContact)
    ->ArgName("max_hops")
    ->Arg(2)
    ->Arg(kMaxHops)
    ->Unit(benchmark::kMicrosecond);

// m0 to the contacts of one organization (argument: its index among the
// targets), at the default of 4 hops.
void BM_FindIntroPathsToOrganization(benchmark::State& state) {
  Firm& firm = TheFirm();
  if (!firm.status.ok()) return Fail(state, firm.status);
  auto index = static_cast<size_t>(state.range(0));
  if (index >= firm.organizations.size()) {
    return Fail(state, absl::OutOfRangeError(absl::StrCat("no organization target ", index)));
  }
  const OrganizationTarget& target = firm.organizations[index];
  // Searching towards nobody would time a lookup that finds no one; a small
  // firm may have no contacts there. Not a fault of the search.
  if (target.contacts == 0) {
    state.SkipWithError(absl::StrCat(target.name, " has no contacts in this firm").c_str());
    return;
  }
  PathQuery query = firm.Query(kMaxHops);
  int64_t truncated = 0;
  int64_t paths = 0;
  for (auto _ : state) {
    absl::StatusOr<PathSearchResult> found = Search(*firm.store, query, target.name);
    if (!found.ok()) {
      Fail(state, found.status());
      break;
    }
    if (found->paths.empty() && target.known) {
      Fail(state, absl::InternalError(absl::StrCat("no path from m0 to ", target.name,
                                                   ", where a member knows someone")));
      break;
    }
    truncated += found->truncated ? 1 : 0;
    paths += static_cast<int64_t>(found->paths.size());
  }
  ReportSearches(state, truncated, paths);
  state.SetLabel(absl::StrCat(target.name, ", ", target.contacts,
                              target.contacts == 1 ? " contact" : " contacts"));
}
BENCHMARK(BM_FindIntroPathsToOrganization)->DenseRange(0, 4)->Unit(benchmark::kMicrosecond);

// The introductions m0 could make among the contacts it knows.
void BM_SuggestIntroductions(benchmark::State& state) {
  Firm& firm = TheFirm();
  if (!firm.status.ok()) return Fail(state, firm.status);
  for (auto _ : state) {
    absl::StatusOr<std::vector<Introduction>> intros;
    absl::Status read = firm.store->Read([&](storage::Tx& tx) -> absl::Status {
      intros = SuggestIntroductions(tx, kFirm, kHub, kIntroductionsDefault);
      return intros.status();
    });
    if (!read.ok()) {
      Fail(state, read);
      break;
    }
    // Thousands of contacts drawing offers and needs from a few phrases
    // always give some; none means the search is broken or the firm tiny.
    if (intros->empty()) {
      Fail(state, absl::InternalError("no introductions for m0"));
      break;
    }
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_SuggestIntroductions)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace refnet::network

// BENCHMARK_MAIN, but a benchmark that stopped with an error fails the run.
int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return refnet::network::any_failed ? 1 : 0;
}
