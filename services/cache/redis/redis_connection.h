// One blocking hiredis connection with a bounded wait on every round trip.
// Not thread-safe: the pool lends it to one caller at a time.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "services/cache/redis/redis_options.h"

struct redisContext;
struct redisReply;

namespace refnet::cache {

struct ReplyDeleter {
  void operator()(redisReply* reply) const;
};
// A reply owned by the caller; null when the command did not complete.
using RedisReply = std::unique_ptr<redisReply, ReplyDeleter>;

class RedisConnection {
 public:
  // Connects within `options.connect_timeout` and selects `options.db`;
  // nullptr with `error` set when that fails.
  static std::unique_ptr<RedisConnection> Open(const RedisOptions& options, std::string* error);
  ~RedisConnection();
  RedisConnection(const RedisConnection&) = delete;
  RedisConnection& operator=(const RedisConnection&) = delete;

  // Sends one command (binary-safe arguments) and waits at most the command
  // timeout for its reply. Null when the connection broke or timed out; the
  // connection is then broken() for good, since a late reply would otherwise
  // be taken as the answer to the next command.
  RedisReply Command(const std::vector<absl::string_view>& args);

  // Sends all commands at once and waits for their replies in order: one
  // round trip. Empty when the connection broke or timed out.
  std::vector<RedisReply> Pipeline(const std::vector<std::vector<absl::string_view>>& commands);

  bool broken() const { return broken_; }
  // Why the connection broke.
  std::string error() const;

 private:
  explicit RedisConnection(redisContext* context) : context_(context) {}
  // Queues one command in hiredis' output buffer.
  bool Append(const std::vector<absl::string_view>& args);

  redisContext* context_;
  bool broken_ = false;
};

// The text of a bulk, status or error reply; empty for other types.
absl::string_view ReplyText(const redisReply& reply);
bool IsErrorReply(const redisReply& reply);
bool IsNilReply(const redisReply& reply);

}  // namespace refnet::cache
