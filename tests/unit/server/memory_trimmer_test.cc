// Memory is given back once the server goes quiet after real work, and only then.
#include "services/server/memory_trimmer.h"

#include <atomic>
#include <thread>

#include "gtest/gtest.h"

namespace refnet::server {
namespace {

struct Counters {
  std::atomic<int64_t> admitted{0};
  std::atomic<int64_t> in_flight{0};
  std::atomic<int> trims{0};
};

std::unique_ptr<MemoryTrimmer> Watch(Counters& c) {
  return std::make_unique<MemoryTrimmer>([&c] { return c.admitted.load(); },
                                         [&c] { return c.in_flight.load(); }, absl::Milliseconds(5),
                                         [&c] { ++c.trims; });
}

// Waits long enough for many polls.
void Polls() { std::this_thread::sleep_for(std::chrono::milliseconds(300)); }

TEST(MemoryTrimmerTest, TrimsOnceQuietAfterABurstOfCalls) {
  Counters c;
  auto trimmer = Watch(c);
  c.in_flight = 500;
  c.admitted = 5000;
  Polls();
  EXPECT_EQ(c.trims, 0);  // still busy
  c.in_flight = 0;
  Polls();
  EXPECT_EQ(c.trims, 1);
  Polls();
  EXPECT_EQ(c.trims, 1);  // nothing new to give back
  c.admitted += MemoryTrimmer::kCallsBetweenTrims;
  Polls();
  EXPECT_EQ(c.trims, 2);
}

TEST(MemoryTrimmerTest, ATrickleOfCallsIsNotWorthATrim) {
  Counters c;
  auto trimmer = Watch(c);
  c.admitted = MemoryTrimmer::kCallsBetweenTrims - 1;
  Polls();
  EXPECT_EQ(c.trims, 0);
}

}  // namespace
}  // namespace refnet::server
