// Store seed summaries: rows and rows per second for each step.
#include "clients/loadgen/store_seed_report.h"

#include <cmath>

#include "absl/strings/str_format.h"
#include "absl/time/time.h"
#include "nlohmann/json.hpp"

namespace refnet::loadgen {
namespace {

double Rate(int64_t rows, double seconds) {
  return seconds > 0 ? static_cast<double>(rows) / seconds : 0;
}

double Round(double value, double scale) { return std::round(value * scale) / scale; }

}  // namespace

void PrintStoreSeedTable(const StoreSeedOptions& options, const StoreSeedSummary& summary,
                         std::ostream& out) {
  const FirmShape& s = summary.shape;
  out << absl::StrFormat(
      "seeded firm %s into %s as of %s: %d members, %d contacts, %d relationships (m0: %d), "
      "%d connections, %d favours\n",
      s.firm_id, options.store_path,
      absl::FormatTime(absl::RFC3339_sec, s.as_of, absl::UTCTimeZone()), s.members, s.contacts,
      s.relationships, s.hub_member_contacts, s.connections, s.favours);
  out << absl::StrFormat("%-14s %10s %10s %10s %10s\n", "step", "rows", "seconds", "rows/s",
                         "cpu s");
  int64_t rows = 0;
  for (const StoreSeedStep& step : summary.steps) {
    rows += step.rows;
    out << absl::StrFormat("%-14s %10d %10.2f %10.0f %10.2f\n", step.name, step.rows, step.seconds,
                           Rate(step.rows, step.seconds), step.cpu_s);
  }
  out << absl::StrFormat("%-14s %10d %10.2f %10.0f %10.2f\n", "total", rows, summary.total_s,
                         Rate(rows, summary.total_s), summary.total_cpu_s);
  if (summary.asks_skipped > 0) {
    out << absl::StrFormat("%d asks left out: their askers' ask budgets were spent\n",
                           summary.asks_skipped);
  }
  out << absl::StrFormat("store file: %.1f MiB\n",
                         static_cast<double>(summary.store_bytes) / (1024 * 1024));
}

void PrintStoreSeedJson(const StoreSeedOptions& options, const StoreSeedSummary& summary,
                        std::ostream& out) {
  const FirmShape& s = summary.shape;
  nlohmann::json json = {
      {"firm", s.firm_id},
      {"store", options.store_path},
      {"as_of", absl::FormatTime(absl::RFC3339_sec, s.as_of, absl::UTCTimeZone())},
      {"seed", s.seed},
      {"members", s.members},
      {"contacts", s.contacts},
      {"relationships", s.relationships},
      {"hub_member_contacts", s.hub_member_contacts},
      {"connections", s.connections},
      {"favours", s.favours},
      {"asks_skipped", summary.asks_skipped},
      {"elapsed_s", Round(summary.total_s, 1000)},
      {"cpu_s", Round(summary.total_cpu_s, 1000)},
      {"store_bytes", summary.store_bytes},
  };
  int64_t rows = 0;
  nlohmann::json steps = nlohmann::json::object();
  for (const StoreSeedStep& step : summary.steps) {
    rows += step.rows;
    steps[step.name] = {{"rows", step.rows},
                        {"elapsed_s", Round(step.seconds, 1000)},
                        {"cpu_s", Round(step.cpu_s, 1000)},
                        {"rows_per_s", Round(Rate(step.rows, step.seconds), 10)}};
  }
  json["rows"] = rows;
  json["rows_per_s"] = Round(Rate(rows, summary.total_s), 10);
  json["steps"] = steps;
  out << json.dump() << "\n";
}

}  // namespace refnet::loadgen
