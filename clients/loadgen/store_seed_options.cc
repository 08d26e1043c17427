// `seed-store` flags: sizes default to the large firm the network benchmark
// measures, and combinations that cannot be built are refused up front.
#include "clients/loadgen/store_seed_options.h"

#include <algorithm>
#include <cstdint>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "clients/loadgen/flags.h"
#include "clients/loadgen/options.h"

#define LOADGEN_ASSIGN(out, expr)                 \
  do {                                            \
    auto value_or = (expr);                       \
    if (!value_or.ok()) return value_or.status(); \
    out = *std::move(value_or);                   \
  } while (0)

namespace refnet::loadgen {
namespace {

constexpr int64_t kMembersMax = 100000;
constexpr int64_t kContactsMax = 10000000;
constexpr int64_t kRowsMax = 100000000;
constexpr int64_t kSeedMax = INT64_MAX;
constexpr absl::string_view kStorePrefix = "sqlite:";

constexpr absl::string_view kValueFlags[] = {"store",    "firm",          "members",
                                             "contacts", "relationships", "connections",
                                             "favours",  "seed",          "hub-member-contacts",
                                             "as-of"};
constexpr absl::string_view kBoolFlags[] = {"json"};

absl::Status FlagError(absl::string_view flag, absl::string_view message) {
  return absl::InvalidArgumentError(absl::StrCat("--", flag, ": ", message));
}

absl::StatusOr<std::string> StorePath(const Flags& flags) {
  absl::StatusOr<std::string> store = flags.Required("store");
  if (!store.ok()) return store.status();
  if (!absl::StartsWith(*store, kStorePrefix) || store->size() == kStorePrefix.size()) {
    return FlagError("store", absl::StrCat("must be sqlite:PATH, got \"", *store, "\""));
  }
  return store->substr(kStorePrefix.size());
}

// The sizes must describe a firm that exists: relationships and connections
// are distinct pairs, and connections are drawn at random, so they may take
// at most a quarter of all pairs.
absl::Status CheckSizes(StoreSeedOptions& o, bool hub_given) {
  if (!hub_given) {
    o.hub_member_contacts = std::min({o.hub_member_contacts, o.contacts, o.relationships});
  }
  if (o.hub_member_contacts > o.contacts) {
    return FlagError("hub-member-contacts", "must not exceed --contacts");
  }
  if (o.hub_member_contacts > o.relationships) {
    return FlagError("hub-member-contacts", "must not exceed --relationships");
  }
  if (o.relationships - o.hub_member_contacts > (o.members - 1) * o.contacts) {
    return FlagError("relationships",
                     "more than the members other than m0 can have, one per contact each");
  }
  if (o.connections > o.contacts * (o.contacts - 1) / 8) {
    return FlagError("connections", "must be at most an eighth of all pairs of contacts");
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<StoreSeedOptions> ParseStoreSeedOptions(absl::Span<const std::string> args) {
  Flags flags;
  LOADGEN_ASSIGN(flags, Flags::Parse(args, kValueFlags, kBoolFlags));
  StoreSeedOptions o;
  LOADGEN_ASSIGN(o.store_path, StorePath(flags));
  LOADGEN_ASSIGN(o.firm, flags.Required("firm"));
  if (!IsValidFirmId(o.firm)) {
    return FlagError("firm", absl::StrCat("\"", o.firm,
                                          "\" is not a firm id (2-63 lowercase letters, digits "
                                          "and hyphens, starting with a letter)"));
  }
  LOADGEN_ASSIGN(o.members, flags.Int("members", o.members, 1, kMembersMax));
  LOADGEN_ASSIGN(o.contacts, flags.Int("contacts", o.contacts, 2, kContactsMax));
  LOADGEN_ASSIGN(o.relationships, flags.Int("relationships", o.relationships, 0, kRowsMax));
  LOADGEN_ASSIGN(o.connections, flags.Int("connections", o.connections, 0, kRowsMax));
  LOADGEN_ASSIGN(o.favours, flags.Int("favours", o.favours, 0, kRowsMax));
  LOADGEN_ASSIGN(o.hub_member_contacts,
                 flags.Int("hub-member-contacts", o.hub_member_contacts, 0, kContactsMax));
  int64_t seed = 0;
  LOADGEN_ASSIGN(seed, flags.Int("seed", static_cast<int64_t>(o.seed), 0, kSeedMax));
  o.seed = static_cast<uint64_t>(seed);
  if (flags.Has("as-of")) {
    std::string text = flags.StringOr("as-of", "");
    absl::Time as_of;
    std::string error;
    if (!absl::ParseTime(absl::RFC3339_full, text, &as_of, &error)) {
      return FlagError("as-of", absl::StrCat("must be an RFC 3339 time such as "
                                             "2026-01-31T09:00:00Z, got \"",
                                             text, "\""));
    }
    o.as_of = as_of;
  }
  o.json = flags.Bool("json");
  absl::Status sizes = CheckSizes(o, flags.Has("hub-member-contacts"));
  if (!sizes.ok()) return sizes;
  return o;
}

}  // namespace refnet::loadgen

#undef LOADGEN_ASSIGN
