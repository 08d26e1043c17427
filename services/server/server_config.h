// What refnet-server needs to start, from flags or REFNET_* environment variables.
#pragma once

#include <string>

#include "absl/time/time.h"

namespace refnet::server {

struct ServerConfig {
  std::string listen = "0.0.0.0:50051";    // HOST:PORT; port 0 picks a free port
  std::string store = "sqlite:refnet.db";  // sqlite:PATH
  std::string token_secret_file;           // HS256 secret, at least 32 bytes
  std::string port_file;                   // written with the bound port once listening
  std::string redis;  // redis://HOST:PORT[/DB]; empty: no cache, every read from the store
  absl::Duration drain_timeout = absl::Seconds(10);   // in-flight calls get this long on SIGTERM
  absl::Duration drain_delay = absl::ZeroDuration();  // NOT_SERVING this long before closing
  int max_message_bytes = 4 * 1024 * 1024;
  // Threads for handler bodies that wait on the store or Redis; concurrent
  // writes among them share group commits.
  int handler_threads = 64;
};

}  // namespace refnet::server
