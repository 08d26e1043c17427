// Seeding runs as three counted phases. Transient failures are retried with
// the same request id, which the server answers exactly once.
#include "clients/loadgen/seeder.h"

#include "absl/strings/str_format.h"
#include "clients/loadgen/channels.h"
#include "clients/loadgen/phase.h"
#include "clients/loadgen/seed_requests.h"
#include "clients/loadgen/status_names.h"
#include "clients/loadgen/worker.h"

namespace refnet::loadgen {
namespace {

namespace v1 = ::refnet::v1;

constexpr int kSeedChannels = 4;
constexpr int kSeedAttempts = 5;
constexpr absl::Duration kConnectTimeout = absl::Seconds(5);

enum class Step { kMembers, kContacts, kFavours };

class SeedWorkload final : public Workload {
 public:
  SeedWorkload(Step step, const SeedOptions& options) : step_(step), options_(options) {}

  std::vector<std::string> MethodNames() const override {
    switch (step_) {
      case Step::kMembers:
        return {"CreateMember"};
      case Step::kContacts:
        return {"CreateContact"};
      case Step::kFavours:
        break;
    }
    return {"RecordFavour"};
  }

  std::unique_ptr<Call> MakeCall(int64_t index, SplitMix64& /*rng*/,
                                 const ChannelStubs& stubs) const override {
    const std::string& firm = options_.firm;
    switch (step_) {
      case Step::kMembers: {
        auto call = NewCall(stubs.admin.get(), &v1::AdminService::Stub::PrepareAsyncCreateMember);
        call->request = SeedMember(firm, index);
        return call;
      }
      case Step::kContacts: {
        auto call =
            NewCall(stubs.contacts.get(), &v1::ContactService::Stub::PrepareAsyncCreateContact);
        call->request = SeedContact(firm, index);
        return call;
      }
      case Step::kFavours:
        break;
    }
    auto call = NewCall(stubs.ledger.get(), &v1::LedgerService::Stub::PrepareAsyncRecordFavour);
    call->request = SeedFavour(firm, index, options_.members, options_.contacts);
    return call;
  }

 private:
  Step step_;
  const SeedOptions& options_;
};

SeedStepSummary RunStep(Step step, const char* name, int64_t count, const SeedOptions& options,
                        const std::string& token, const std::vector<ChannelStubs>& channels,
                        std::ostream& progress) {
  PhaseConfig config;
  config.token = token;
  config.in_flight = options.in_flight;
  config.total_calls = count;
  config.max_attempts = kSeedAttempts;
  config.progress = [&](int64_t completed, absl::Duration elapsed) {
    double seconds = absl::ToDoubleSeconds(elapsed);
    progress << absl::StrFormat("seed: %s %d/%d (%.0f/s)\n", name, completed, count,
                                seconds > 0 ? static_cast<double>(completed) / seconds : 0.0)
             << std::flush;
  };
  SeedWorkload workload(step, options);
  PhaseResult result = RunPhase(config, workload, channels);
  SeedStepSummary summary;
  summary.step = name;
  summary.calls = result.total.calls;
  summary.elapsed_s = result.window_s;
  for (const auto& [code, n] : result.total.errors) {
    if (code == static_cast<int>(grpc::StatusCode::ALREADY_EXISTS)) {
      summary.already_exists += n;
    } else {
      summary.failed += n;
      summary.failures_by_code[StatusCodeName(code)] += n;
    }
  }
  summary.ok = summary.calls - summary.already_exists - summary.failed;
  progress << absl::StrFormat("seed: %s done, %d calls in %.1f s\n", name, summary.calls,
                              summary.elapsed_s)
           << std::flush;
  return summary;
}

}  // namespace

int64_t SeedSummary::calls() const {
  int64_t total = 0;
  for (const SeedStepSummary& step : steps) total += step.calls;
  return total;
}

int64_t SeedSummary::failed() const {
  int64_t total = 0;
  for (const SeedStepSummary& step : steps) total += step.failed;
  return total;
}

absl::StatusOr<SeedSummary> RunSeed(const SeedOptions& options, const std::string& token,
                                    std::ostream& progress) {
  absl::StatusOr<std::vector<ChannelStubs>> opened =
      OpenChannels(options.target, options.tls, kSeedChannels);
  if (!opened.ok()) return opened.status();
  std::vector<ChannelStubs> channels = *std::move(opened);
  absl::Status reachable = WaitConnected(options.target, channels, kConnectTimeout);
  if (!reachable.ok()) return reachable;
  int64_t start_ns = NowNs();
  SeedSummary summary;
  // Favours name members and contacts, so those must exist first.
  summary.steps.push_back(
      RunStep(Step::kMembers, "members", options.members, options, token, channels, progress));
  summary.steps.push_back(
      RunStep(Step::kContacts, "contacts", options.contacts, options, token, channels, progress));
  summary.steps.push_back(
      RunStep(Step::kFavours, "favours", options.favours, options, token, channels, progress));
  summary.elapsed_s = static_cast<double>(NowNs() - start_ns) / 1e9;
  return summary;
}

}  // namespace refnet::loadgen
