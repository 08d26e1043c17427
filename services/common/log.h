// Structured logs: one JSON object per line on stderr, through spdlog.
#pragma once

#include <nlohmann/json.hpp>

#include "absl/strings/string_view.h"

namespace refnet {

// Installs the JSON-lines logger as spdlog's default. Call once at start-up.
void InitJsonLogging();

// Writes out what is buffered; call before the process exits.
void FlushLogs();

// Writes one event; `level` is "info", "warn" or "error".
void LogEvent(absl::string_view level, absl::string_view message, nlohmann::json fields = {});

}  // namespace refnet
