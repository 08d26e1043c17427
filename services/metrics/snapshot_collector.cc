// Families built from plain values; /proc/self read for the process.
#include "services/metrics/snapshot_collector.h"

#include <dirent.h>
#include <sys/resource.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

namespace refnet::metrics {
namespace {

prometheus::MetricFamily Family(std::string name, std::string help, prometheus::MetricType type,
                                const std::vector<Sample>& samples) {
  prometheus::MetricFamily family;
  family.name = std::move(name);
  family.help = std::move(help);
  family.type = type;
  for (const Sample& sample : samples) {
    prometheus::ClientMetric metric;
    for (const auto& [label, value] : sample.labels) metric.label.push_back({label, value});
    if (type == prometheus::MetricType::Counter) {
      metric.counter.value = sample.value;
    } else {
      metric.gauge.value = sample.value;
    }
    family.metric.push_back(std::move(metric));
  }
  return family;
}

int OpenFds() {
  DIR* dir = opendir("/proc/self/fd");
  if (dir == nullptr) return 0;
  int count = 0;
  while (dirent* entry = readdir(dir)) {
    if (entry->d_name[0] != '.') ++count;
  }
  closedir(dir);
  return count - 1;  // the descriptor reading the folder
}

// Seconds since the epoch at which the machine booted.
double BootTime() {
  std::ifstream in("/proc/stat");
  std::string key;
  while (in >> key) {
    if (key == "btime") {
      double seconds = 0;
      in >> seconds;
      return seconds;
    }
    in.ignore(1 << 16, '\n');
  }
  return 0;
}

}  // namespace

prometheus::MetricFamily CounterFamily(std::string name, std::string help,
                                       const std::vector<Sample>& samples) {
  return Family(std::move(name), std::move(help), prometheus::MetricType::Counter, samples);
}

prometheus::MetricFamily GaugeFamily(std::string name, std::string help,
                                     const std::vector<Sample>& samples) {
  return Family(std::move(name), std::move(help), prometheus::MetricType::Gauge, samples);
}

std::vector<prometheus::MetricFamily> ProcessMetrics() {
  const double ticks = static_cast<double>(sysconf(_SC_CLK_TCK));
  const double page = static_cast<double>(sysconf(_SC_PAGESIZE));
  double cpu = 0, start = 0, virtual_bytes = 0, resident_bytes = 0;
  std::ifstream stat("/proc/self/stat");
  std::string line;
  if (std::getline(stat, line)) {
    // The command name may hold spaces; the fields after it are numbers.
    std::istringstream fields(line.substr(line.rfind(')') + 2));
    std::vector<std::string> f;
    for (std::string field; fields >> field;) f.push_back(field);
    // After the name: state is field 3 of proc(5), so field N is f[N - 3].
    if (f.size() > 21) {
      cpu = (std::stod(f[14 - 3]) + std::stod(f[15 - 3])) / ticks;
      start = BootTime() + std::stod(f[22 - 3]) / ticks;
      virtual_bytes = std::stod(f[23 - 3]);
      resident_bytes = std::stod(f[24 - 3]) * page;
    }
  }
  rlimit fds{};
  getrlimit(RLIMIT_NOFILE, &fds);
  return {
      CounterFamily("process_cpu_seconds_total", "Total user and system CPU time spent in seconds.",
                    {{{}, cpu}}),
      GaugeFamily("process_resident_memory_bytes", "Resident memory size in bytes.",
                  {{{}, resident_bytes}}),
      GaugeFamily("process_virtual_memory_bytes", "Virtual memory size in bytes.",
                  {{{}, virtual_bytes}}),
      GaugeFamily("process_open_fds", "Number of open file descriptors.",
                  {{{}, static_cast<double>(OpenFds())}}),
      GaugeFamily("process_max_fds", "Maximum number of open file descriptors.",
                  {{{}, static_cast<double>(fds.rlim_cur)}}),
      GaugeFamily("process_start_time_seconds",
                  "Start time of the process since unix epoch in seconds.", {{{}, start}}),
  };
}

}  // namespace refnet::metrics
