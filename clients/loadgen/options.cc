// Flag tables and limits of `seed` and `run`. Every number has a ceiling so a
// typo cannot ask for a billion connections.
#include "clients/loadgen/options.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "clients/loadgen/flags.h"

// Assigns `out` from a StatusOr, or returns its error from the caller.
#define LOADGEN_ASSIGN(out, expr)                 \
  do {                                            \
    auto value_or = (expr);                       \
    if (!value_or.ok()) return value_or.status(); \
    out = *std::move(value_or);                   \
  } while (0)

namespace refnet::loadgen {
namespace {

constexpr int64_t kInFlightMax = 10000;
constexpr int64_t kMaxInFlightMax = 100000;
constexpr int64_t kChannelsMax = 256;
constexpr int64_t kMembersMax = 100000;
constexpr int64_t kContactsMax = 10000000;
constexpr int64_t kFavoursMax = 100000000;
constexpr int64_t kHotPairsMax = 1000000;
// The longest note a favour may carry.
constexpr int64_t kNoteBytesMax = 2000;
constexpr double kDurationMaxS = 86400;
constexpr double kWarmupMaxS = 3600;
constexpr double kRateMax = 1000000;
constexpr size_t kTokenBytesMax = 16384;

constexpr absl::string_view kSeedValueFlags[] = {
    "target",  "token-file", "firm",        "contacts",      "favours",
    "members", "in-flight",  "tls-ca-file", "tls-cert-file", "tls-key-file"};
constexpr absl::string_view kRunValueFlags[] = {
    "target",     "token-file", "firm",     "scenario",    "in-flight",     "max-in-flight",
    "duration-s", "rate",       "channels", "warmup-s",    "members",       "contacts",
    "hot-pairs",  "note-bytes", "mix",      "tls-ca-file", "tls-cert-file", "tls-key-file"};
constexpr absl::string_view kBoolFlags[] = {"json"};

absl::StatusOr<std::string> FirmFlag(const Flags& flags) {
  absl::StatusOr<std::string> firm = flags.Required("firm");
  if (!firm.ok()) return firm.status();
  if (!IsValidFirmId(*firm)) {
    return absl::InvalidArgumentError(
        absl::StrCat("--firm: \"", *firm,
                     "\" is not a firm id (2-63 lowercase letters, digits and hyphens, "
                     "starting with a letter)"));
  }
  return firm;
}

clients::ClientTlsFiles TlsFlags(const Flags& flags) {
  clients::ClientTlsFiles files{flags.StringOr("tls-ca-file", ""),
                                flags.StringOr("tls-cert-file", ""),
                                flags.StringOr("tls-key-file", "")};
  return clients::WithEnvironment(files, [](absl::string_view name) -> std::optional<std::string> {
    const char* value = std::getenv(std::string(name).c_str());
    if (value == nullptr || *value == '\0') return std::nullopt;
    return std::string(value);
  });
}

}  // namespace

bool IsValidFirmId(absl::string_view firm) {
  if (firm.size() < 2 || firm.size() > 63 || !absl::ascii_islower(firm[0])) return false;
  for (char c : firm) {
    if (!absl::ascii_islower(c) && !absl::ascii_isdigit(c) && c != '-') return false;
  }
  return true;
}

absl::StatusOr<SeedOptions> ParseSeedOptions(absl::Span<const std::string> args) {
  Flags flags;
  LOADGEN_ASSIGN(flags, Flags::Parse(args, kSeedValueFlags, kBoolFlags));
  SeedOptions options;
  LOADGEN_ASSIGN(options.target, flags.Required("target"));
  options.tls = TlsFlags(flags);
  LOADGEN_ASSIGN(options.token_file, flags.Required("token-file"));
  LOADGEN_ASSIGN(options.firm, FirmFlag(flags));
  if (!flags.Has("contacts")) return absl::InvalidArgumentError("--contacts: is required");
  if (!flags.Has("favours")) return absl::InvalidArgumentError("--favours: is required");
  LOADGEN_ASSIGN(options.contacts, flags.Int("contacts", 0, 1, kContactsMax));
  LOADGEN_ASSIGN(options.favours, flags.Int("favours", 0, 0, kFavoursMax));
  LOADGEN_ASSIGN(options.members, flags.Int("members", options.members, 1, kMembersMax));
  LOADGEN_ASSIGN(options.in_flight, flags.Int("in-flight", options.in_flight, 1, kInFlightMax));
  options.json = flags.Bool("json");
  return options;
}

absl::StatusOr<RunOptions> ParseRunOptions(absl::Span<const std::string> args) {
  Flags flags;
  LOADGEN_ASSIGN(flags, Flags::Parse(args, kRunValueFlags, kBoolFlags));
  RunOptions o;
  LOADGEN_ASSIGN(o.target, flags.Required("target"));
  o.tls = TlsFlags(flags);
  LOADGEN_ASSIGN(o.token_file, flags.Required("token-file"));
  LOADGEN_ASSIGN(o.firm, FirmFlag(flags));
  std::string scenario;
  LOADGEN_ASSIGN(scenario, flags.Required("scenario"));
  LOADGEN_ASSIGN(o.scenario, ParseScenario(scenario));
  if (!flags.Has("duration-s")) return absl::InvalidArgumentError("--duration-s: is required");
  LOADGEN_ASSIGN(o.duration_s, flags.Number("duration-s", 0, 0.1, kDurationMaxS));
  LOADGEN_ASSIGN(o.in_flight, flags.Int("in-flight", o.in_flight, 1, kInFlightMax));
  LOADGEN_ASSIGN(o.max_in_flight, flags.Int("max-in-flight", o.max_in_flight, 1, kMaxInFlightMax));
  LOADGEN_ASSIGN(o.rate, flags.Number("rate", 0, 0.001, kRateMax));
  LOADGEN_ASSIGN(o.channels, flags.Int("channels", o.channels, 1, kChannelsMax));
  LOADGEN_ASSIGN(o.warmup_s, flags.Number("warmup-s", o.warmup_s, 0, kWarmupMaxS));
  LOADGEN_ASSIGN(o.members, flags.Int("members", o.members, 1, kMembersMax));
  LOADGEN_ASSIGN(o.contacts, flags.Int("contacts", o.contacts, 1, kContactsMax));
  LOADGEN_ASSIGN(o.hot_pairs, flags.Int("hot-pairs", o.hot_pairs, 1, kHotPairsMax));
  LOADGEN_ASSIGN(o.note_bytes, flags.Int("note-bytes", o.note_bytes, 0, kNoteBytesMax));
  if (flags.Has("mix") && o.scenario != Scenario::kMix) {
    return absl::InvalidArgumentError("--mix: only applies to --scenario mix");
  }
  LOADGEN_ASSIGN(o.mix, ParseMix(flags.StringOr("mix", kDefaultMix)));
  o.json = flags.Bool("json");
  return o;
}

absl::StatusOr<std::string> ReadTokenFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) return absl::InvalidArgumentError(absl::StrCat("--token-file: cannot read ", path));
  std::stringstream buffer;
  buffer << in.rdbuf();
  std::string token(absl::StripAsciiWhitespace(buffer.str()));
  if (token.empty()) {
    return absl::InvalidArgumentError(absl::StrCat("--token-file: ", path, " is empty"));
  }
  if (token.size() > kTokenBytesMax || token.find_first_of(" \t\r\n") != std::string::npos) {
    return absl::InvalidArgumentError(
        absl::StrCat("--token-file: ", path, " does not hold a single bearer token"));
  }
  return token;
}

}  // namespace refnet::loadgen

#undef LOADGEN_ASSIGN
