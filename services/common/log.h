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

// The line written for every call ("msg": "rpc"), the same as LogEvent
// would write, built without a JSON document: on a cached read it cost as
// much as the read itself. Empty firm, member, role and error are left out.
struct RpcLogLine {
  absl::string_view method;
  absl::string_view code;
  double duration_ms = 0;
  absl::string_view firm;
  absl::string_view member;
  absl::string_view role;
  absl::string_view error;
  bool server_fault = false;  // logged as "error", otherwise "info"
};
void LogRpc(const RpcLogLine& line);

}  // namespace refnet
