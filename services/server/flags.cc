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
ABSL_FLAG(absl::Duration, drain_timeout, absl::Seconds(10),
          "how long in-flight calls may run after SIGTERM");
ABSL_FLAG(absl::Duration, drain_delay, absl::ZeroDuration(),
          "how long to report NOT_SERVING before closing the listener on SIGTERM");

namespace refnet::server {
namespace {

constexpr const char* kFlagNames[] = {"listen",      "store",         "token_secret_file",
                                      "port_file",   "drain_timeout", "drain_delay"};

bool GivenOnCommandLine(int argc, char** argv, const std::string& dashed) {
  for (int i = 1; i < argc; ++i) {
    absl::string_view arg(argv[i]);
    if (arg == absl::StrCat("--", dashed) || absl::StartsWith(arg, absl::StrCat("--", dashed, "="))) {
      return true;
    }
  }
  return false;
}

}  // namespace

absl::StatusOr<ServerConfig> ParseServerFlags(int argc, char** argv) {
  absl::SetProgramUsageMessage(
      "refnet-server: the refnet gRPC service.\n"
      "  refnet-server --listen 0.0.0.0:50051 --store sqlite:data/refnet.db "
      "--token-secret-file secret");
  // absl accepts --token_secret_file and --token-secret-file alike? It does
  // not, so dashed spellings are rewritten to absl's underscores first.
  std::vector<std::string> args;
  for (int i = 0; i < argc; ++i) {
    std::string arg(argv[i]);
    if (i > 0 && absl::StartsWith(arg, "--")) {
      size_t eq = arg.find('=');
      std::string name = arg.substr(0, eq);
      absl::StrReplaceAll({{"-", "_"}}, &name);
      arg = absl::StrCat("--", name.substr(2), eq == std::string::npos ? "" : arg.substr(eq));
    }
    args.push_back(arg);
  }
  for (const char* name : kFlagNames) {
    std::string env_name = absl::StrCat("REFNET_", absl::AsciiStrToUpper(name));
    const char* value = std::getenv(env_name.c_str());
    std::vector<char*> raw;
    for (auto& a : args) raw.push_back(a.data());
    if (value != nullptr && !GivenOnCommandLine(static_cast<int>(raw.size()), raw.data(), name)) {
      args.push_back(absl::StrCat("--", name, "=", value));
    }
  }
  std::vector<char*> raw;
  for (auto& a : args) raw.push_back(a.data());
  absl::ParseCommandLine(static_cast<int>(raw.size()), raw.data());
  ServerConfig config;
  config.listen = absl::GetFlag(FLAGS_listen);
  config.store = absl::GetFlag(FLAGS_store);
  config.token_secret_file = absl::GetFlag(FLAGS_token_secret_file);
  config.port_file = absl::GetFlag(FLAGS_port_file);
  config.drain_timeout = absl::GetFlag(FLAGS_drain_timeout);
  config.drain_delay = absl::GetFlag(FLAGS_drain_delay);
  return config;
}

}  // namespace refnet::server
