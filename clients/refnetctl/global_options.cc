// Precedence is flag, then environment, then the token's own claims, so a
// token in the environment can be pointed at another firm for one command.
#include "clients/refnetctl/global_options.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "clients/refnetctl/duration_text.h"
#include "clients/refnetctl/short_names.h"
#include "clients/refnetctl/token_claims.h"
#include "services/common/status.h"

namespace refnet::ctl {
namespace {

constexpr FlagSpec kGlobalFlags[] = {
    {"target", FlagKind::kValue, "HOST:PORT",
     "server address (REFNET_TARGET, default localhost:50051)"},
    {"token", FlagKind::kValue, "TOKEN", "bearer token (REFNET_TOKEN)"},
    {"token-file", FlagKind::kValue, "FILE", "file holding the bearer token (REFNET_TOKEN_FILE)"},
    {"firm", FlagKind::kValue, "FIRM", "firm id (REFNET_FIRM, default: the token's firm)"},
    {"json", FlagKind::kBool, "", "print responses as JSON"},
    {"timeout", FlagKind::kValue, "DURATION",
     "deadline of each call (REFNET_TIMEOUT, default 10s)"},
    {"request-id", FlagKind::kValue, "ID", "idempotency key of a write (default: a fresh UUID)"},
    {"tls-ca-file", FlagKind::kValue, "FILE",
     "use TLS, trusting these PEM root certificates (REFNET_TLS_CA_FILE)"},
    {"tls-cert-file", FlagKind::kValue, "FILE",
     "use TLS, presenting this PEM client certificate (REFNET_TLS_CERT_FILE)"},
    {"tls-key-file", FlagKind::kValue, "FILE",
     "the PEM private key of --tls-cert-file (REFNET_TLS_KEY_FILE)"},
    {"help", FlagKind::kBool, "", "show usage"},
    {"version", FlagKind::kBool, "", "print the version and source revision"},
};

// Files named on the command line are small; refuse anything that is not.
constexpr std::streamsize kFileBytesMax = 1 << 20;

absl::StatusOr<std::string> ReadSmallFile(const std::string& path, absl::string_view what) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read ", what, " ", path));
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (buffer.tellp() > kFileBytesMax) {
    return absl::InvalidArgumentError(absl::StrCat(what, " ", path, " is larger than 1 MiB"));
  }
  return buffer.str();
}

std::optional<std::string> FlagOrEnv(const ParsedArgs& args, absl::string_view flag,
                                     const EnvLookup& env, absl::string_view variable) {
  std::optional<std::string> value = args.Value(flag);
  if (value.has_value()) return value;
  return env(variable);
}

absl::StatusOr<std::string> ResolveToken(const ParsedArgs& args, const EnvLookup& env) {
  std::optional<std::string> token = args.Value("token");
  std::optional<std::string> file = args.Value("token-file");
  if (!token.has_value() && !file.has_value()) {
    token = env("REFNET_TOKEN");
    if (!token.has_value()) file = env("REFNET_TOKEN_FILE");
  }
  if (token.has_value()) return std::string(absl::StripAsciiWhitespace(*token));
  if (!file.has_value()) return std::string();
  REFNET_ASSIGN_OR_RETURN(std::string text, ReadSmallFile(*file, "token file"));
  return std::string(absl::StripAsciiWhitespace(text));
}

}  // namespace

EnvLookup ProcessEnv() {
  return [](absl::string_view name) -> std::optional<std::string> {
    const char* value = std::getenv(std::string(name).c_str());
    if (value == nullptr || *value == '\0') return std::nullopt;
    return std::string(value);
  };
}

absl::Span<const FlagSpec> GlobalFlagSpecs() { return kGlobalFlags; }

absl::StatusOr<GlobalOptions> ResolveGlobalOptions(const ParsedArgs& args, const EnvLookup& env,
                                                   IdGenerator& ids) {
  GlobalOptions options;
  options.target = FlagOrEnv(args, "target", env, "REFNET_TARGET").value_or(options.target);
  REFNET_ASSIGN_OR_RETURN(options.token, ResolveToken(args, env));
  UnverifiedClaims claims = ReadUnverifiedClaims(options.token);
  options.caller_member_id = claims.member_id;
  options.firm_id = FirmIdOf(FlagOrEnv(args, "firm", env, "REFNET_FIRM").value_or(claims.firm_id));
  options.json = args.Bool("json");
  if (std::optional<std::string> timeout = FlagOrEnv(args, "timeout", env, "REFNET_TIMEOUT")) {
    REFNET_ASSIGN_OR_RETURN(options.timeout, ParsePositiveDuration(*timeout, "timeout"));
  }
  options.request_id = args.Value("request-id").value_or(ids.NewId());
  clients::ClientTlsFiles tls{args.Value("tls-ca-file").value_or(""),
                              args.Value("tls-cert-file").value_or(""),
                              args.Value("tls-key-file").value_or("")};
  tls = clients::WithEnvironment(tls, env);
  options.tls = tls.enabled();
  REFNET_ASSIGN_OR_RETURN(options.credentials, clients::MakeChannelCredentials(tls));
  return options;
}

}  // namespace refnet::ctl
