// hiredis behind a small owning wrapper: connect and command timeouts, and
// binary-safe argument vectors.
#include "services/cache/redis/redis_connection.h"

#include <hiredis/hiredis.h>
#include <sys/time.h>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"

namespace refnet::cache {

void ReplyDeleter::operator()(redisReply* reply) const { freeReplyObject(reply); }

std::unique_ptr<RedisConnection> RedisConnection::Open(const RedisOptions& options,
                                                       std::string* error) {
  redisContext* context = redisConnectWithTimeout(options.host.c_str(), options.port,
                                                  absl::ToTimeval(options.connect_timeout));
  if (context == nullptr) {
    *error = "cannot allocate a redis context";
    return nullptr;
  }
  auto connection = std::unique_ptr<RedisConnection>(new RedisConnection(context));
  if (context->err != 0) {
    *error = absl::StrCat("connect to ", options.host, ":", options.port, ": ", context->errstr);
    return nullptr;
  }
  // Keepalive finds a peer that vanished without closing, between commands.
  if (redisSetTimeout(context, absl::ToTimeval(options.command_timeout)) != REDIS_OK ||
      redisEnableKeepAlive(context) != REDIS_OK) {
    *error = absl::StrCat("configure socket: ", context->errstr);
    return nullptr;
  }
  if (options.db != 0) {
    std::string db = absl::StrCat(options.db);
    RedisReply reply = connection->Command({"SELECT", db});
    if (reply == nullptr || IsErrorReply(*reply)) {
      *error = reply == nullptr ? connection->error() : std::string(ReplyText(*reply));
      return nullptr;
    }
  }
  return connection;
}

RedisConnection::~RedisConnection() { redisFree(context_); }

bool RedisConnection::Append(const std::vector<absl::string_view>& args) {
  std::vector<const char*> argv;
  std::vector<size_t> argv_lengths;
  argv.reserve(args.size());
  argv_lengths.reserve(args.size());
  for (absl::string_view arg : args) {
    argv.push_back(arg.data());
    argv_lengths.push_back(arg.size());
  }
  return redisAppendCommandArgv(context_, static_cast<int>(argv.size()), argv.data(),
                                argv_lengths.data()) == REDIS_OK;
}

RedisReply RedisConnection::Command(const std::vector<absl::string_view>& args) {
  std::vector<RedisReply> replies = Pipeline({args});
  if (replies.empty()) return nullptr;
  return std::move(replies.front());
}

std::vector<RedisReply> RedisConnection::Pipeline(
    const std::vector<std::vector<absl::string_view>>& commands) {
  std::vector<RedisReply> replies;
  if (broken_) return replies;
  for (const std::vector<absl::string_view>& args : commands) {
    if (!Append(args)) {
      broken_ = true;
      return {};
    }
  }
  replies.reserve(commands.size());
  for (size_t i = 0; i < commands.size(); ++i) {
    void* reply = nullptr;
    if (redisGetReply(context_, &reply) != REDIS_OK || reply == nullptr) {
      broken_ = true;
      return {};
    }
    replies.emplace_back(static_cast<redisReply*>(reply));
  }
  return replies;
}

std::string RedisConnection::error() const {
  if (context_->err == 0) return "";
  return context_->errstr;
}

absl::string_view ReplyText(const redisReply& reply) {
  switch (reply.type) {
    case REDIS_REPLY_STRING:
    case REDIS_REPLY_STATUS:
    case REDIS_REPLY_ERROR:
      return absl::string_view(reply.str, reply.len);
    default:
      return {};
  }
}

bool IsErrorReply(const redisReply& reply) { return reply.type == REDIS_REPLY_ERROR; }
bool IsNilReply(const redisReply& reply) { return reply.type == REDIS_REPLY_NIL; }

}  // namespace refnet::cache
