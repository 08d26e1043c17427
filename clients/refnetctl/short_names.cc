// Expansion is purely textual; the server validates every name it receives.
#include "clients/refnetctl/short_names.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "clients/refnetctl/exit_status.h"
#include "services/common/resource_names.h"

namespace refnet::ctl {
namespace {

constexpr absl::string_view kFirmsPrefix = "firms/";

}  // namespace

absl::StatusOr<std::string> ExpandFirmName(absl::string_view input) {
  std::string id = FirmIdOf(input);
  if (id.empty() || absl::StrContains(id, '/')) {
    return UsageError(absl::StrCat("\"", input, "\" is not a firm id or firms/{firm} name"));
  }
  return absl::StrCat(kFirmsPrefix, id);
}

std::string FirmIdOf(absl::string_view input) {
  absl::ConsumePrefix(&input, kFirmsPrefix);
  return std::string(input);
}

absl::StatusOr<std::string> FirmParent(absl::string_view firm_id) {
  if (firm_id.empty()) {
    return UsageError("no firm: pass --firm, set REFNET_FIRM, or use a token that names a firm");
  }
  return ExpandFirmName(firm_id);
}

absl::StatusOr<std::string> ExpandChildName(absl::string_view firm_id, absl::string_view collection,
                                            absl::string_view input, absl::string_view what) {
  if (input.empty()) return UsageError(absl::StrCat(what, " must not be empty"));
  if (absl::StrContains(input, '/')) return std::string(input);
  if (firm_id.empty()) {
    return UsageError(absl::StrCat("cannot expand ", what, " \"", input,
                                   "\" without a firm: pass --firm or a full name"));
  }
  return absl::StrCat(kFirmsPrefix, firm_id, "/", collection, "/", input);
}

absl::StatusOr<std::string> ExpandPartyName(absl::string_view firm_id, absl::string_view input,
                                            absl::string_view what) {
  if (input.empty()) return UsageError(absl::StrCat(what, " must not be empty"));
  if (absl::StartsWith(input, kFirmsPrefix)) return std::string(input);
  for (absl::string_view collection : {kMembers, kContacts}) {
    absl::string_view id = input;
    if (absl::ConsumePrefix(&id, collection) && absl::ConsumePrefix(&id, "/")) {
      if (id.empty() || absl::StrContains(id, '/')) break;
      return ExpandChildName(firm_id, collection, id, what);
    }
  }
  return UsageError(absl::StrCat(
      what, " \"", input, "\" is not a party: write members/ID, contacts/ID or a full name"));
}

absl::string_view PartyShortName(absl::string_view name) {
  absl::string_view rest = name;
  if (!absl::ConsumePrefix(&rest, kFirmsPrefix)) return name;
  size_t slash = rest.find('/');
  if (slash == absl::string_view::npos) return name;
  rest.remove_prefix(slash + 1);
  for (absl::string_view collection : {kMembers, kContacts}) {
    if (absl::StartsWith(rest, absl::StrCat(collection, "/"))) return rest;
  }
  return name;
}

absl::string_view LastSegment(absl::string_view name) {
  size_t slash = name.rfind('/');
  return slash == absl::string_view::npos ? name : name.substr(slash + 1);
}

}  // namespace refnet::ctl
