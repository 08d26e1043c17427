// spdlog writes the line; we build the JSON so every field is properly escaped.
// Lines reach stderr in batches: one write(2) per batch rather than one per
// call kept the log from costing more than the calls it records. Warnings
// and errors, a full batch, a once-a-second flush and FlushLogs push them out.
#include "services/common/log.h"

#include <spdlog/sinks/base_sink.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <memory>
#include <mutex>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace refnet {
namespace {

class BatchedStderrSink final : public spdlog::sinks::base_sink<std::mutex> {
 public:
  ~BatchedStderrSink() override {
    std::lock_guard<std::mutex> lock(mutex_);
    flush_();
  }

 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override {
    spdlog::memory_buf_t formatted;
    formatter_->format(msg, formatted);
    buffer_.append(formatted.data(), formatted.size());
    if (buffer_.size() >= kBatchBytes) flush_();
  }

  void flush_() override {
    size_t done = 0;
    while (done < buffer_.size()) {
      ssize_t n = ::write(STDERR_FILENO, buffer_.data() + done, buffer_.size() - done);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;  // nowhere to write: drop the batch rather than block
      done += static_cast<size_t>(n);
    }
    buffer_.clear();
  }

 private:
  static constexpr size_t kBatchBytes = 64 * 1024;
  std::string buffer_;
};

// Printable ASCII: written into a JSON string as it is, once quotes and
// backslashes are escaped.
bool PlainText(absl::string_view text) {
  for (char c : text) {
    if (c < 0x20 || c > 0x7e) return false;
  }
  return true;
}

// `,"key":"value"`, or nothing for an empty value. `value` is PlainText.
void AppendField(std::string* line, absl::string_view key, absl::string_view value) {
  if (value.empty()) return;
  absl::StrAppend(line, ",\"", key, "\":\"");
  for (char c : value) {
    if (c == '"' || c == '\\') line->push_back('\\');
    line->push_back(c);
  }
  line->push_back('"');
}

// 2026-01-02T03:04:05.123456Z. Formatting the date and time of day again
// only when the second changes keeps this off the profile of every call.
void AppendTimestamp(absl::Time t, std::string* out) {
  thread_local int64_t cached_second = -1;
  thread_local std::string cached_prefix;
  int64_t micros = absl::ToUnixMicros(t);
  int64_t second = micros >= 0 ? micros / 1000000 : (micros - 999999) / 1000000;
  if (second != cached_second) {
    cached_second = second;
    cached_prefix =
        absl::FormatTime("%Y-%m-%dT%H:%M:%S.", absl::FromUnixSeconds(second), absl::UTCTimeZone());
  }
  absl::StrAppend(out, cached_prefix, absl::Dec(micros - second * 1000000, absl::kZeroPad6), "Z");
}

}  // namespace

void InitJsonLogging() {
  auto logger = std::make_shared<spdlog::logger>("refnet", std::make_shared<BatchedStderrSink>());
  logger->set_pattern("%v");
  logger->flush_on(spdlog::level::warn);
  spdlog::set_default_logger(logger);
  spdlog::flush_every(std::chrono::seconds(1));
}

void FlushLogs() { spdlog::default_logger_raw()->flush(); }

void LogRpc(const RpcLogLine& rpc) {
  absl::string_view level = rpc.server_fault ? "error" : "info";
  for (absl::string_view text : {rpc.method, rpc.firm, rpc.member, rpc.role, rpc.error}) {
    if (!PlainText(text)) {
      // Escaping beyond quotes and backslashes, or bytes that may not be
      // UTF-8: the JSON document's way.
      nlohmann::json fields = {{"method", std::string(rpc.method)},
                               {"code", std::string(rpc.code)},
                               {"duration_ms", rpc.duration_ms}};
      if (!rpc.firm.empty()) fields["firm"] = std::string(rpc.firm);
      if (!rpc.member.empty()) fields["member"] = std::string(rpc.member);
      if (!rpc.role.empty()) fields["role"] = std::string(rpc.role);
      if (!rpc.error.empty()) fields["error"] = std::string(rpc.error);
      LogEvent(level, "rpc", std::move(fields));
      return;
    }
  }
  // Keys in the order the JSON document writes them.
  std::string line;
  line.reserve(256);
  absl::StrAppend(&line, "{\"code\":\"", rpc.code, "\",\"duration_ms\":", rpc.duration_ms);
  AppendField(&line, "error", rpc.error);
  AppendField(&line, "firm", rpc.firm);
  AppendField(&line, "level", level);
  AppendField(&line, "member", rpc.member);
  AppendField(&line, "method", rpc.method);
  AppendField(&line, "msg", "rpc");
  AppendField(&line, "role", rpc.role);
  line.append(",\"ts\":\"");
  AppendTimestamp(absl::Now(), &line);
  line.append("\"}");
  if (rpc.server_fault) {
    spdlog::error(line);
  } else {
    spdlog::info(line);
  }
}

void LogEvent(absl::string_view level, absl::string_view message, nlohmann::json fields) {
  if (!fields.is_object()) fields = nlohmann::json::object();
  std::string ts;
  AppendTimestamp(absl::Now(), &ts);
  fields["ts"] = std::move(ts);
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
