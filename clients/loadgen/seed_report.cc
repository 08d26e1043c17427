// Seed summaries. Replayed creates count as ok: the resource is there either way.
#include "clients/loadgen/seed_report.h"

#include <cmath>

#include "absl/strings/str_format.h"
#include "nlohmann/json.hpp"

namespace refnet::loadgen {
namespace {

double Rate(int64_t calls, double seconds) {
  return seconds > 0 ? static_cast<double>(calls) / seconds : 0;
}

// Tenths of a call per second and milliseconds are as fine as seeding is measured.
double Round(double value, double scale) { return std::round(value * scale) / scale; }

}  // namespace

void PrintSeedTable(const SeedOptions& options, const SeedSummary& summary, std::ostream& out) {
  out << absl::StrFormat("seeded firm %s on %s: %d members, %d contacts, %d favours\n",
                         options.firm, options.target, options.members, options.contacts,
                         options.favours);
  out << absl::StrFormat("%-10s %10s %10s %10s %8s %10s %10s\n", "step", "calls", "ok", "existed",
                         "failed", "calls/s", "elapsed s");
  for (const SeedStepSummary& step : summary.steps) {
    out << absl::StrFormat("%-10s %10d %10d %10d %8d %10.1f %10.2f\n", step.step, step.calls,
                           step.ok, step.already_exists, step.failed,
                           Rate(step.calls, step.elapsed_s), step.elapsed_s);
  }
  out << absl::StrFormat("%-10s %10d %10s %10s %8d %10.1f %10.2f\n", "total", summary.calls(), "",
                         "", summary.failed(), Rate(summary.calls(), summary.elapsed_s),
                         summary.elapsed_s);
  for (const SeedStepSummary& step : summary.steps) {
    for (const auto& [code, count] : step.failures_by_code) {
      out << absl::StrFormat("failed %s: %s x%d\n", step.step, code, count);
    }
  }
}

void PrintSeedJson(const SeedOptions& options, const SeedSummary& summary, std::ostream& out) {
  nlohmann::json json = {
      {"firm", options.firm},
      {"target", options.target},
      {"members", options.members},
      {"contacts", options.contacts},
      {"favours", options.favours},
      {"calls", summary.calls()},
      {"errors", summary.failed()},
      {"elapsed_s", Round(summary.elapsed_s, 1000)},
      {"rps", Round(Rate(summary.calls(), summary.elapsed_s), 10)},
  };
  nlohmann::json steps = nlohmann::json::object();
  for (const SeedStepSummary& step : summary.steps) {
    steps[step.step] = {
        {"calls", step.calls},
        {"ok", step.ok},
        {"already_exists", step.already_exists},
        {"errors", step.failed},
        {"errors_by_code", step.failures_by_code},
        {"elapsed_s", Round(step.elapsed_s, 1000)},
        {"rps", Round(Rate(step.calls, step.elapsed_s), 10)},
    };
  }
  json["steps"] = steps;
  out << json.dump() << "\n";
}

}  // namespace refnet::loadgen
