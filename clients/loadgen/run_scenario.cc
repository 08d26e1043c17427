// Health first, so the scenario's writes cannot slow the baseline it is
// compared with; for the health scenario the baseline is the measurement.
#include "clients/loadgen/run_scenario.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "clients/loadgen/channels.h"
#include "clients/loadgen/phase.h"
#include "clients/loadgen/request_ids.h"
#include "clients/loadgen/scenario_workload.h"
#include "clients/loadgen/synthetic_firm.h"

namespace refnet::loadgen {
namespace {

constexpr absl::Duration kConnectTimeout = absl::Seconds(5);
constexpr int64_t kAsksMax = 100;

std::vector<MixEntry> ScenarioMix(const RunOptions& options) {
  switch (options.scenario) {
    case Scenario::kHealth:
      return {{Method::kHealthCheck, 1}};
    case Scenario::kMix:
      return options.mix;
    case Scenario::kGetBalance:
    case Scenario::kRecordFavour:
    case Scenario::kListContacts:
    case Scenario::kCreateReferral:
    case Scenario::kSuggestHelpers:
    case Scenario::kFindIntroPaths:
    case Scenario::kSuggestIntroductions:
    case Scenario::kWeeklyReview:
      break;
  }
  return {{ScenarioMethod(options.scenario), 1}};
}

// Asks for SuggestHelpers to rank helpers for: one per member (at most
// kAsksMax), tagged like the seeded contacts. Derived request ids make every
// run find the same asks instead of posting more.
absl::StatusOr<std::vector<std::string>> PostAsks(const RunOptions& options,
                                                  const std::string& token,
                                                  const ChannelStubs& stubs) {
  std::vector<std::string> names;
  int64_t count = std::min<int64_t>(options.members, kAsksMax);
  for (int64_t i = 0; i < count; ++i) {
    refnet::v1::CreateAskRequest request;
    request.set_parent(FirmName(options.firm));
    request.mutable_ask()->set_asker(MemberName(options.firm, i));
    request.mutable_ask()->set_need("an introduction to someone who buys what we sell");
    request.mutable_ask()->add_tags("seeded");
    request.set_request_id(DerivedRequestId(options.firm, "ask", i));
    grpc::ClientContext context;
    context.AddMetadata("authorization", absl::StrCat("Bearer ", token));
    context.set_deadline(absl::ToChronoTime(absl::Now() + kConnectTimeout));
    refnet::v1::Ask ask;
    grpc::Status status = stubs.asks->CreateAsk(&context, request, &ask);
    // A member whose ask budget is spent is left out.
    if (status.error_code() == grpc::StatusCode::RESOURCE_EXHAUSTED) continue;
    if (!status.ok()) {
      return absl::UnavailableError(
          absl::StrCat("posting asks for suggest-helpers: ", status.error_message()));
    }
    names.push_back(ask.name());
  }
  if (names.empty()) {
    return absl::FailedPreconditionError(
        "suggest-helpers: no member could post an ask; seed the firm first");
  }
  return names;
}

PhaseResult Measure(const RunOptions& options, const std::string& token,
                    const std::vector<HotPair>& hot_set, std::vector<MixEntry> mix,
                    const std::vector<std::string>& asks, const std::vector<ChannelStubs>& channels,
                    std::ostream& progress) {
  PhaseConfig config;
  config.token = token;
  config.in_flight = options.in_flight;
  config.rate = options.rate;
  config.max_in_flight = options.max_in_flight;
  config.warmup = absl::Seconds(options.warmup_s);
  config.duration = absl::Seconds(options.duration_s);
  const std::string name = mix.size() == 1 ? std::string(MethodName(mix[0].method)) : "mix";
  config.progress = [&progress, name](int64_t completed, absl::Duration elapsed) {
    progress << absl::StrFormat("run: %s %d calls after %.0f s\n", name, completed,
                                absl::ToDoubleSeconds(elapsed))
             << std::flush;
  };
  ScenarioWorkload workload(options.firm, hot_set, std::move(mix), asks,
                            BuildIntroTargets(options.firm, options.contacts),
                            std::string(static_cast<size_t>(options.note_bytes), 'n'));
  return RunPhase(config, workload, channels);
}

}  // namespace

absl::StatusOr<RunReport> RunScenario(const RunOptions& options, const std::string& token,
                                      std::ostream& progress) {
  absl::StatusOr<std::vector<ChannelStubs>> opened =
      OpenChannels(options.target, options.tls, static_cast<int>(options.channels));
  if (!opened.ok()) return opened.status();
  std::vector<ChannelStubs> channels = *std::move(opened);
  absl::Status reachable = WaitConnected(options.target, channels, kConnectTimeout);
  if (!reachable.ok()) return reachable;
  const std::vector<HotPair> hot_set =
      BuildHotSet(options.firm, options.members, options.contacts, options.hot_pairs);

  RunReport report;
  report.options = options;
  std::vector<MixEntry> mix = ScenarioMix(options);
  std::vector<std::string> asks;
  for (const MixEntry& entry : mix) {
    if (entry.method != Method::kSuggestHelpers || entry.weight == 0) continue;
    absl::StatusOr<std::vector<std::string>> posted = PostAsks(options, token, channels[0]);
    if (!posted.ok()) return posted.status();
    asks = std::move(*posted);
  }
  PhaseResult health =
      Measure(options, token, hot_set, {{Method::kHealthCheck, 1}}, {}, channels, progress);
  const auto check = static_cast<size_t>(Method::kHealthCheck);
  report.health = Summarize(health.method_names[check], health.methods[check], health.window_s);
  if (options.scenario == Scenario::kHealth) {
    report.overall = report.health;
    report.rpcs = {report.health};
    return report;
  }
  PhaseResult scenario = Measure(options, token, hot_set, mix, asks, channels, progress);
  report.overall =
      Summarize(std::string(ScenarioName(options.scenario)), scenario.total, scenario.window_s);
  for (const MixEntry& entry : mix) {
    auto m = static_cast<size_t>(entry.method);
    report.rpcs.push_back(
        Summarize(scenario.method_names[m], scenario.methods[m], scenario.window_s));
  }
  // The health baseline goes last: reports print it apart from the scenario.
  report.rpcs.push_back(report.health);
  return report;
}

}  // namespace refnet::loadgen
