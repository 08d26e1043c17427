// Serves Prometheus's text format at http://HOST:PORT/metrics through
// prometheus-cpp's Exposer (civetweb underneath).
#pragma once

#include <prometheus/collectable.h>
#include <prometheus/exposer.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace refnet::metrics {

class MetricsEndpoint {
 public:
  // Listens on `address` (HOST:PORT; port 0 picks one) and serves
  // `collectables` at /metrics. UNAVAILABLE when it cannot listen.
  static absl::StatusOr<std::unique_ptr<MetricsEndpoint>> Start(
      const std::string& address,
      std::vector<std::shared_ptr<prometheus::Collectable>> collectables);

  int port() const { return port_; }

 private:
  MetricsEndpoint(std::unique_ptr<prometheus::Exposer> exposer,
                  std::vector<std::shared_ptr<prometheus::Collectable>> collectables, int port)
      : collectables_(std::move(collectables)), exposer_(std::move(exposer)), port_(port) {}

  // Before the exposer, which holds weak references to them: it stops first.
  std::vector<std::shared_ptr<prometheus::Collectable>> collectables_;
  std::unique_ptr<prometheus::Exposer> exposer_;
  int port_;
};

}  // namespace refnet::metrics
