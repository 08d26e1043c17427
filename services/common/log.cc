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

}  // namespace

void InitJsonLogging() {
  auto logger = std::make_shared<spdlog::logger>("refnet", std::make_shared<BatchedStderrSink>());
  logger->set_pattern("%v");
  logger->flush_on(spdlog::level::warn);
  spdlog::set_default_logger(logger);
  spdlog::flush_every(std::chrono::seconds(1));
}

void FlushLogs() { spdlog::default_logger_raw()->flush(); }

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
