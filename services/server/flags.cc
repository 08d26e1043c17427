// absl flags, with environment variables appended as if given on the command line.
#include "services/server/flags.h"

#include <cstdlib>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"

ABSL_FLAG(std::string, listen, "0.0.0.0:50051", "HOST:PORT to listen on; port 0 picks one");
ABSL_FLAG(std::string, store, "sqlite:refnet.db", "system of record: sqlite:PATH");
ABSL_FLAG(std::string, token_secret_file, "", "file holding the HS256 token secret (>= 32 bytes)");
ABSL_FLAG(std::string, port_file, "", "write the bound port to this file once listening");
ABSL_FLAG(std::string, redis, "", "cache hot balances in Redis at redis://HOST:PORT[/DB]");
ABSL_FLAG(absl::Duration, drain_timeout, absl::Seconds(10),
          "how long in-flight calls may run after SIGTERM");
ABSL_FLAG(int, handler_threads, 64,
          "threads for handler bodies that wait on the store or Redis (1..1024)");
ABSL_FLAG(absl::Duration, drain_delay, absl::ZeroDuration(),
          "how long to report NOT_SERVING before closing the listener on SIGTERM");

namespace refnet::server {
namespace {

constexpr const char* kFlagNames[] = {"listen",    "store",          "token_secret_file",
                                      "port_file", "drain_timeout",  "drain_delay",
                                      "redis",     "handler_threads"};

// absl spells flags with underscores; --token-secret-file is accepted too.
std::string Canonical(const std::string& arg) {
  if (arg.rfind("--", 0) != 0) return arg;
  size_t eq = arg.find('=');
  std::string name = arg.substr(2, eq == std::string::npos ? std::string::npos : eq - 2);
  absl::StrReplaceAll({{"-", "_"}}, &name);
  return absl::StrCat("--", name, eq == std::string::npos ? "" : arg.substr(eq));
}

bool Given(const std::vector<std::string>& args, absl::string_view name) {
  for (const std::string& arg : args) {
    if (arg == absl::StrCat("--", name) || absl::StartsWith(arg, absl::StrCat("--", name, "="))) {
      return true;
    }
  }
  return false;
}

}  // namespace

absl::StatusOr<ServerConfig> ParseServerFlags(int argc, char** argv) {
  absl::SetProgramUsageMessage(
      "the refnet gRPC service.\n"
      "  refnet-server --listen 0.0.0.0:50051 --store sqlite:data/refnet.db "
      "--token-secret-file data/token-secret\n"
      "Every flag may also come from REFNET_<FLAG> (e.g. REFNET_TOKEN_SECRET_FILE).");
  std::vector<std::string> args;
  for (int i = 0; i < argc; ++i) args.push_back(i == 0 ? argv[i] : Canonical(argv[i]));
  // The environment fills in what the command line leaves out.
  for (const char* name : kFlagNames) {
    const char* value = std::getenv(absl::StrCat("REFNET_", absl::AsciiStrToUpper(name)).c_str());
    if (value != nullptr && !Given(args, name))
      args.push_back(absl::StrCat("--", name, "=", value));
  }
  std::vector<char*> raw;
  for (std::string& arg : args) raw.push_back(arg.data());
  absl::ParseCommandLine(static_cast<int>(raw.size()), raw.data());
  ServerConfig config;
  config.listen = absl::GetFlag(FLAGS_listen);
  config.store = absl::GetFlag(FLAGS_store);
  config.token_secret_file = absl::GetFlag(FLAGS_token_secret_file);
  config.port_file = absl::GetFlag(FLAGS_port_file);
  config.redis = absl::GetFlag(FLAGS_redis);
  config.drain_timeout = absl::GetFlag(FLAGS_drain_timeout);
  config.drain_delay = absl::GetFlag(FLAGS_drain_delay);
  if (config.drain_timeout < absl::ZeroDuration() || config.drain_delay < absl::ZeroDuration()) {
    return absl::InvalidArgumentError("--drain-timeout and --drain-delay must not be negative");
  }
  config.handler_threads = absl::GetFlag(FLAGS_handler_threads);
  if (config.handler_threads < 1 || config.handler_threads > 1024) {
    return absl::InvalidArgumentError("--handler-threads must be between 1 and 1024");
  }
  return config;
}

}  // namespace refnet::server
