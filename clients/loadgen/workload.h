// What a phase sends: the workload names its methods and builds each call;
// the driver decides when and on which channel it goes.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "clients/loadgen/call.h"
#include "clients/loadgen/channels.h"
#include "clients/loadgen/stable_hash.h"

namespace refnet::loadgen {

class Workload {
 public:
  virtual ~Workload() = default;
  // Reports list methods under these names; Call::method indexes them.
  virtual std::vector<std::string> MethodNames() const = 0;
  // The call numbered `index`, to be sent on `stubs`, with `method` set.
  // Called from several worker threads at once, each with its own `rng`.
  virtual std::unique_ptr<Call> MakeCall(int64_t index, SplitMix64& rng,
                                         const ChannelStubs& stubs) const = 0;
};

}  // namespace refnet::loadgen
