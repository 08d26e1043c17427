// `--redis` URL parsing and option bounds.
#include "services/cache/redis/redis_options.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace refnet::cache {
namespace {

using ::testing::HasSubstr;

TEST(ParseRedisUrl, ReadsHostAndPort) {
  absl::StatusOr<RedisOptions> options = ParseRedisUrl("redis://cache.internal:6380");
  ASSERT_TRUE(options.ok()) << options.status();
  EXPECT_EQ(options->host, "cache.internal");
  EXPECT_EQ(options->port, 6380);
  EXPECT_EQ(options->db, 0);
  EXPECT_EQ(options->pool_size, 4);
  EXPECT_EQ(options->command_timeout, absl::Milliseconds(50));
}

TEST(ParseRedisUrl, ReadsDatabase) {
  absl::StatusOr<RedisOptions> options = ParseRedisUrl("redis://10.0.0.7:6379/3");
  ASSERT_TRUE(options.ok()) << options.status();
  EXPECT_EQ(options->host, "10.0.0.7");
  EXPECT_EQ(options->db, 3);
}

TEST(ParseRedisUrl, DefaultsPortAndAcceptsIpv6) {
  absl::StatusOr<RedisOptions> plain = ParseRedisUrl("redis://redis");
  ASSERT_TRUE(plain.ok()) << plain.status();
  EXPECT_EQ(plain->port, 6379);
  absl::StatusOr<RedisOptions> v6 = ParseRedisUrl("redis://[::1]:7000/1");
  ASSERT_TRUE(v6.ok()) << v6.status();
  EXPECT_EQ(v6->host, "::1");
  EXPECT_EQ(v6->port, 7000);
  EXPECT_EQ(v6->db, 1);
}

TEST(ParseRedisUrl, RejectsMalformedUrlsNamingTheFlag) {
  for (const char* url : {"", "http://h:1", "redis://", "redis://:6379", "redis://h:0",
                          "redis://h:65536", "redis://h:port", "redis://h:1/x", "redis://h:1/-1",
                          "redis://user:pw@h:1", "redis://[::1", "redis://a:b:c", "redis://h:"}) {
    absl::StatusOr<RedisOptions> options = ParseRedisUrl(url);
    ASSERT_FALSE(options.ok()) << url;
    EXPECT_EQ(options.status().code(), absl::StatusCode::kInvalidArgument) << url;
    EXPECT_THAT(options.status().message(), HasSubstr("--redis")) << url;
  }
}

TEST(ValidateRedisOptions, NamesTheBadField) {
  RedisOptions options;
  EXPECT_TRUE(ValidateRedisOptions(options).ok());
  options.pool_size = 0;
  absl::Status status = ValidateRedisOptions(options);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(status.message(), HasSubstr("redis.pool_size"));
  options = RedisOptions();
  options.command_timeout = absl::ZeroDuration();
  EXPECT_THAT(ValidateRedisOptions(options).message(), HasSubstr("redis.command_timeout"));
}

}  // namespace
}  // namespace refnet::cache
