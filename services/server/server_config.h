// What refnet-server needs to start, from flags or REFNET_* environment variables.
#pragma once

#include <string>

#include "absl/time/time.h"
#include "services/auth/token.h"
#include "services/common/rpc/call_runner.h"
#include "services/storage/sqlite/pruner.h"

namespace refnet::server {

// TLS from PEM files, re-read while the server runs.
struct TlsConfig {
  std::string cert_file;       // the server's certificate chain
  std::string key_file;        // its private key
  std::string client_ca_file;  // when set, clients must present a certificate it signed
  absl::Duration reload_interval = absl::Seconds(60);

  bool enabled() const { return !cert_file.empty(); }
};

// The HTTP/2 connection limits gRPC enforces for the server.
struct TransportConfig {
  int max_concurrent_streams = 100;  // per connection; more wait at the client
  // A client stream (ImportContacts) that sends nothing this long is ended.
  absl::Duration stream_idle_timeout = absl::Seconds(60);
  // The server pings an idle connection this often, and drops it when the
  // ping is not answered within the timeout.
  absl::Duration keepalive_time = absl::Seconds(60);
  absl::Duration keepalive_timeout = absl::Seconds(20);
  // Clients may ping no more often than this; after two pings too early the
  // connection gets GOAWAY (ENHANCE_YOUR_CALM, "too_many_pings").
  absl::Duration keepalive_min_interval = absl::Seconds(10);
  // Connections are closed (GOAWAY) at this age, plus the grace for calls in
  // flight, so clients reconnect and a Service spreads them over new pods.
  absl::Duration max_connection_age = absl::Minutes(30);
  absl::Duration max_connection_age_grace = absl::Minutes(5);
};

struct ServerConfig {
  std::string listen = "0.0.0.0:50051";    // HOST:PORT; port 0 picks a free port
  std::string store = "sqlite:refnet.db";  // sqlite:PATH
  // HS256 keys: one bare secret, or KEY_ID=SECRET lines (auth/key_set.h).
  std::string token_secret_file;
  absl::Duration token_keys_reload_interval = absl::Seconds(10);
  auth::TokenPolicy token_policy;
  std::string port_file;  // written with the bound port once listening
  // Plaintext HOST:PORT serving grpc.health.v1 and none of refnet, for probes that speak
  // no TLS (Kubernetes' gRPC probes); empty for none.
  std::string health_listen;
  // Serve Prometheus metrics at http://HOST:PORT/metrics; empty: none.
  std::string metrics_listen;
  std::string redis;  // redis://HOST:PORT[/DB]; empty: no cache, every read from the store
  absl::Duration drain_timeout = absl::Seconds(10);   // in-flight calls get this long on SIGTERM
  absl::Duration drain_delay = absl::ZeroDuration();  // NOT_SERVING this long before closing
  int max_message_bytes = 4 * 1024 * 1024;
  // Handler threads, queue and in-flight bounds, firm rate limits. Handler
  // threads run bodies that wait on the store or Redis; concurrent writes
  // among them share group commits.
  rpc::CallLimits limits;
  TlsConfig tls;
  TransportConfig transport;
  // How long events and request ids are kept, and how they are pruned.
  storage::sqlite::RetentionPolicy retention;
};

}  // namespace refnet::server
