// Run reports. Numbers are rounded to what a measurement can support: rates
// to 0.1 call/s, latencies to the microsecond.
#include "clients/loadgen/run_report.h"

#include <cmath>

#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "nlohmann/json.hpp"

namespace refnet::loadgen {
namespace {

double Round(double value, double scale) { return std::round(value * scale) / scale; }

std::string LoopDescription(const RunOptions& o) {
  if (o.rate > 0) {
    return absl::StrFormat("open loop at %.1f calls/s (at most %d outstanding)", o.rate,
                           o.max_in_flight);
  }
  return absl::StrFormat("closed loop, %d in flight", o.in_flight);
}

nlohmann::json StatsJson(const MethodStats& stats, double ratio) {
  return {
      {"calls", stats.calls},
      {"rps", Round(stats.rps, 10)},
      {"ratio_to_health", Round(ratio, 1000)},
      {"p50_ms", Round(stats.p50_ms, 1000)},
      {"p90_ms", Round(stats.p90_ms, 1000)},
      {"p99_ms", Round(stats.p99_ms, 1000)},
      {"p999_ms", Round(stats.p999_ms, 1000)},
      {"mean_ms", Round(stats.mean_ms, 1000)},
      {"max_ms", Round(stats.max_ms, 1000)},
      {"errors", stats.errors},
      {"errors_by_code", stats.errors_by_code},
      {"ok_p50_ms", Round(stats.ok_p50_ms, 1000)},
      {"ok_p99_ms", Round(stats.ok_p99_ms, 1000)},
      {"refused", stats.refused},
      {"refused_p50_ms", Round(stats.refused_p50_ms, 1000)},
      {"refused_p99_ms", Round(stats.refused_p99_ms, 1000)},
      {"refused_max_ms", Round(stats.refused_max_ms, 1000)},
  };
}

void PrintRow(const std::string& phase, const MethodStats& stats, double ratio, std::ostream& out) {
  out << absl::StrFormat("%-14s %-13s %10d %10.1f %9.3f %9.3f %9.3f %9.3f %9.3f %8d\n", phase,
                         stats.method, stats.calls, stats.rps, ratio, stats.p50_ms, stats.p90_ms,
                         stats.p99_ms, stats.p999_ms, stats.errors);
}

}  // namespace

double RunReport::RatioToHealth(double rps) const { return health.rps > 0 ? rps / health.rps : 0; }

void PrintRunTable(const RunReport& report, std::ostream& out) {
  const RunOptions& o = report.options;
  out << absl::StrFormat(
      "scenario %s on %s: %s over %d channels, %.1f s measured after %.1f s warm-up\n",
      ScenarioName(o.scenario), o.target, LoopDescription(o), o.channels, o.duration_s, o.warmup_s);
  out << absl::StrFormat("%-14s %-13s %10s %10s %9s %9s %9s %9s %9s %8s\n", "phase", "method",
                         "calls", "rps", "x health", "p50 ms", "p90 ms", "p99 ms", "p99.9 ms",
                         "errors");
  // The health baseline first, then the scenario's methods (rpcs ends with the baseline).
  PrintRow("health", report.health, 1, out);
  const std::string scenario(ScenarioName(o.scenario));
  for (size_t i = 0; i + 1 < report.rpcs.size(); ++i) {
    PrintRow(scenario, report.rpcs[i], report.RatioToHealth(report.rpcs[i].rps), out);
  }
  if (report.rpcs.size() > 2) {
    MethodStats all = report.overall;
    all.method = "(all)";
    PrintRow(scenario, all, report.RatioToHealth(all.rps), out);
  }
  for (const MethodStats& stats : report.rpcs) {
    if (stats.errors_by_code.empty()) continue;
    out << "errors " << stats.method << ": "
        << absl::StrJoin(stats.errors_by_code, ", ", absl::PairFormatter("=")) << "\n";
  }
}

void PrintRunJson(const RunReport& report, std::ostream& out) {
  const RunOptions& o = report.options;
  const MethodStats& s = report.overall;
  nlohmann::json json = {
      {"scenario", ScenarioName(o.scenario)},
      {"target", o.target},
      {"firm", o.firm},
      {"calls", s.calls},
      {"rps", Round(s.rps, 10)},
      {"p50_ms", Round(s.p50_ms, 1000)},
      {"p90_ms", Round(s.p90_ms, 1000)},
      {"p99_ms", Round(s.p99_ms, 1000)},
      {"p999_ms", Round(s.p999_ms, 1000)},
      {"mean_ms", Round(s.mean_ms, 1000)},
      {"max_ms", Round(s.max_ms, 1000)},
      {"errors", s.errors},
      {"errors_by_code", s.errors_by_code},
      {"ok_p50_ms", Round(s.ok_p50_ms, 1000)},
      {"ok_p99_ms", Round(s.ok_p99_ms, 1000)},
      {"refused", s.refused},
      {"refused_p50_ms", Round(s.refused_p50_ms, 1000)},
      {"refused_p99_ms", Round(s.refused_p99_ms, 1000)},
      {"refused_max_ms", Round(s.refused_max_ms, 1000)},
      {"health_rps", Round(report.health.rps, 10)},
      {"ratio_to_health", Round(report.RatioToHealth(s.rps), 1000)},
      {"in_flight", o.in_flight},
      {"max_in_flight", o.max_in_flight},
      {"channels", o.channels},
      {"duration_s", o.duration_s},
      {"warmup_s", o.warmup_s},
      {"rate", o.rate},
  };
  nlohmann::json rpcs = nlohmann::json::object();
  for (const MethodStats& stats : report.rpcs) {
    rpcs[stats.method] = StatsJson(stats, report.RatioToHealth(stats.rps));
  }
  json["rpcs"] = rpcs;
  out << json.dump() << "\n";
}

}  // namespace refnet::loadgen
