// spdlog writes the line; we build the JSON so every field is properly escaped.
#include "services/common/log.h"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace refnet {

void InitJsonLogging() {
  auto logger = spdlog::stderr_logger_mt("refnet");
  logger->set_pattern("%v");
  logger->flush_on(spdlog::level::info);
  spdlog::set_default_logger(logger);
}

void LogEvent(absl::string_view level, absl::string_view message, nlohmann::json fields) {
  if (!fields.is_object()) fields = nlohmann::json::object();
  fields["ts"] = absl::FormatTime("%Y-%m-%dT%H:%M:%E6SZ", absl::Now(), absl::UTCTimeZone());
  fields["level"] = std::string(level);
  fields["msg"] = std::string(message);
  std::string line = fields.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  if (level == "error") {
    spdlog::error(line);
  } else if (level == "warn") {
    spdlog::warn(line);
  } else {
    spdlog::info(line);
  }
}

}  // namespace refnet
