// Closed loop: every completion frees a slot, refilled on the same channel.
// Open loop: calls go out at their intended times whatever has completed.
#include "clients/loadgen/worker.h"

#include <algorithm>
#include <chrono>
#include <thread>

#include "absl/strings/str_cat.h"
#include "clients/loadgen/status_names.h"

namespace refnet::loadgen {
namespace {

constexpr int64_t kNsPerS = 1000000000;

bool IsTransient(grpc::StatusCode code) {
  return code == grpc::StatusCode::UNAVAILABLE || code == grpc::StatusCode::ABORTED ||
         code == grpc::StatusCode::RESOURCE_EXHAUSTED ||
         code == grpc::StatusCode::DEADLINE_EXCEEDED;
}

}  // namespace

int64_t NowNs() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

Worker::Worker(const PhaseConfig& config, const Workload& workload,
               const std::vector<ChannelStubs>& channels, std::vector<int> owned_channels,
               const PhaseClock& clock, std::atomic<int64_t>* next_index,
               std::atomic<int64_t>* completed, uint64_t seed)
    : config_(config),
      workload_(workload),
      channels_(channels),
      owned_channels_(std::move(owned_channels)),
      clock_(clock),
      next_index_(next_index),
      completed_(completed),
      rng_(seed),
      authorization_(absl::StrCat("Bearer ", config.token)),
      samples_(workload.MethodNames().size()) {}

void Worker::Run() {
  if (config_.rate > 0 && config_.total_calls < 0) {
    RunOpenLoop();
    return;
  }
  RunClosedLoop();
  cq_.Shutdown();
  void* tag = nullptr;
  bool ok = false;
  while (cq_.Next(&tag, &ok)) {
  }
}

void Worker::RunClosedLoop() {
  const auto channel_count = static_cast<int64_t>(channels_.size());
  for (int channel : owned_channels_) {
    int64_t slots =
        config_.in_flight / channel_count + (channel < config_.in_flight % channel_count ? 1 : 0);
    for (int64_t i = 0; i < slots && SendNext(channel); ++i) {
    }
  }
  while (outstanding_ > 0) {
    void* tag = nullptr;
    bool ok = false;
    if (!cq_.Next(&tag, &ok)) break;
    auto* call = static_cast<Call*>(tag);
    int channel = call->channel;
    if (!Complete(call)) SendNext(channel);
  }
}

bool Worker::SendNext(int channel) {
  int64_t index = 0;
  if (config_.total_calls >= 0) {
    index = next_index_->fetch_add(1);
    if (index >= config_.total_calls) return false;
  } else {
    if (NowNs() >= clock_.window_end_ns) return false;
    index = local_index_++;
  }
  Send(workload_.MakeCall(index, rng_, channels_[static_cast<size_t>(channel)]), channel, index,
       NowNs(), 1);
  return true;
}

void Worker::RunOpenLoop() {
  // Completions are taken on their own thread, so that a send never waits
  // for one; the sender sleeps until each call's intended time instead of
  // waking on the completion queue, whose timed waits round up to whole
  // milliseconds and would add that much to every measured latency.
  std::thread receiver([this] {
    void* tag = nullptr;
    bool ok = false;
    while (cq_.Next(&tag, &ok)) Complete(static_cast<Call*>(tag));
  });
  const auto channel_count = static_cast<int64_t>(channels_.size());
  const double ns_per_call = static_cast<double>(kNsPerS) / config_.rate;
  // Channel c sends the calls numbered c, c + channels, c + 2 * channels...
  std::vector<int64_t> sent(owned_channels_.size(), 0);
  auto number = [&](size_t slot) { return owned_channels_[slot] + sent[slot] * channel_count; };
  auto intended = [&](size_t slot) {
    return clock_.start_ns + static_cast<int64_t>(static_cast<double>(number(slot)) * ns_per_call);
  };
  const int64_t cap = OpenLoopCap();
  std::vector<MethodSamples> dropped(samples_.size());
  while (true) {
    size_t slot = 0;
    for (size_t s = 1; s < owned_channels_.size(); ++s) {
      if (intended(s) < intended(slot)) slot = s;
    }
    const int64_t t = intended(slot);
    if (t >= clock_.window_end_ns) break;
    if (t > NowNs()) {
      std::this_thread::sleep_until(
          std::chrono::steady_clock::time_point(std::chrono::nanoseconds(t)));
    }
    const int channel = owned_channels_[slot];
    const int64_t index = number(slot);
    ++sent[slot];
    std::unique_ptr<Call> call =
        workload_.MakeCall(index, rng_, channels_[static_cast<size_t>(channel)]);
    if (outstanding_.load(std::memory_order_relaxed) < cap) {
      Send(std::move(call), channel, index, t, 1);
    } else if (t >= clock_.window_start_ns) {
      MethodSamples& samples = dropped[static_cast<size_t>(call->method)];
      ++samples.calls;
      ++samples.errors[kDroppedCode];
    }
  }
  // Everything is sent: the queue drains and then ends the receiver.
  cq_.Shutdown();
  receiver.join();
  for (size_t m = 0; m < samples_.size(); ++m) samples_[m].Merge(dropped[m]);
}

int64_t Worker::OpenLoopCap() const {
  // Each worker gets the share of the cap that its channels carry.
  auto share = config_.max_in_flight * static_cast<int64_t>(owned_channels_.size()) /
               static_cast<int64_t>(channels_.size());
  return std::max<int64_t>(share, 1);
}

void Worker::Send(std::unique_ptr<Call> call, int channel, int64_t index, int64_t intended_ns,
                  int attempt) {
  call->channel = channel;
  call->index = index;
  call->attempt = attempt;
  call->intended_ns = intended_ns;
  call->context.AddMetadata("authorization", authorization_);
  call->context.set_deadline(std::chrono::system_clock::now() +
                             absl::ToChronoMilliseconds(config_.rpc_timeout));
  // Counted before it starts, since its completion may be taken on another thread.
  ++outstanding_;
  // The queue owns the call until its completion comes back.
  call.release()->Start(&cq_);
}

bool Worker::Complete(Call* call) {
  std::unique_ptr<Call> owned(call);
  --outstanding_;
  int64_t now = NowNs();
  grpc::StatusCode code = call->status.error_code();
  if (config_.total_calls >= 0 && IsTransient(code) && call->attempt < config_.max_attempts) {
    int channel = call->channel;
    Send(workload_.MakeCall(call->index, rng_, channels_[static_cast<size_t>(channel)]), channel,
         call->index, NowNs(), call->attempt + 1);
    return true;
  }
  MethodSamples& samples = samples_[static_cast<size_t>(call->method)];
  if (now >= clock_.window_start_ns && now < clock_.window_end_ns) ++samples.completed_in_window;
  if (call->intended_ns >= clock_.window_start_ns && call->intended_ns < clock_.window_end_ns) {
    ++samples.calls;
    auto latency_us = static_cast<uint64_t>(std::max<int64_t>(now - call->intended_ns, 0)) / 1000;
    samples.latency.Record(latency_us);
    if (code == grpc::StatusCode::OK) samples.ok_latency.Record(latency_us);
    if (code == grpc::StatusCode::RESOURCE_EXHAUSTED) samples.refused_latency.Record(latency_us);
    if (code != grpc::StatusCode::OK) ++samples.errors[static_cast<int>(code)];
  }
  completed_->fetch_add(1, std::memory_order_relaxed);
  return false;
}

}  // namespace refnet::loadgen
