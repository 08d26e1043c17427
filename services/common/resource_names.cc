// Resource names follow AIP-122: collection ids alternate with resource ids.
#include "services/common/resource_names.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "services/common/status.h"

namespace refnet {
namespace {

constexpr size_t kIdLengthMax = 63;

// Ids in names may be caller-chosen or generated (UUIDs), so parsing accepts
// any lowercase letter or digit first.
bool IsIdSegment(absl::string_view s) {
  if (s.empty() || s.size() > kIdLengthMax) return false;
  for (char c : s) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    if (!ok) return false;
  }
  return s.front() != '-';
}

}  // namespace

absl::StatusOr<std::string> ParseFirmName(absl::string_view name, absl::string_view field) {
  if (name.empty()) return FieldError(field, "is required");
  std::vector<absl::string_view> parts = absl::StrSplit(name, '/');
  if (parts.size() != 2 || parts[0] != "firms" || !IsIdSegment(parts[1])) {
    return FieldError(field, absl::StrCat("expected firms/{firm}, got \"", name, "\""));
  }
  return std::string(parts[1]);
}

absl::StatusOr<ChildName> ParseChildName(absl::string_view name, absl::string_view collection,
                                         absl::string_view field) {
  if (name.empty()) return FieldError(field, "is required");
  std::vector<absl::string_view> parts = absl::StrSplit(name, '/');
  if (parts.size() != 4 || parts[0] != "firms" || !IsIdSegment(parts[1]) ||
      parts[2] != collection || !IsIdSegment(parts[3])) {
    std::string singular(collection.substr(0, collection.size() - 1));
    return FieldError(field, absl::StrCat("expected firms/{firm}/", collection, "/{", singular,
                                          "}, got \"", name, "\""));
  }
  return ChildName{std::string(parts[1]), std::string(parts[3])};
}

absl::Status ValidateNewId(absl::string_view id, absl::string_view field) {
  if (id.size() < 2 || id.size() > kIdLengthMax || !IsIdSegment(id) || id.front() < 'a' ||
      id.front() > 'z' || id.back() == '-') {
    return FieldError(field,
                      "must be 2-63 lowercase letters, digits or hyphens, starting with a letter");
  }
  return absl::OkStatus();
}

std::string FirmName(absl::string_view firm_id) { return absl::StrCat("firms/", firm_id); }
std::string MemberName(absl::string_view firm_id, absl::string_view member_id) {
  return absl::StrCat("firms/", firm_id, "/members/", member_id);
}
std::string ContactName(absl::string_view firm_id, absl::string_view contact_id) {
  return absl::StrCat("firms/", firm_id, "/contacts/", contact_id);
}
std::string InteractionName(absl::string_view firm_id, absl::string_view interaction_id) {
  return absl::StrCat("firms/", firm_id, "/interactions/", interaction_id);
}
std::string ConnectionName(absl::string_view firm_id, absl::string_view connection_id) {
  return absl::StrCat("firms/", firm_id, "/connections/", connection_id);
}
std::string RelationshipName(absl::string_view firm_id, absl::string_view member_id,
                             absl::string_view contact_id) {
  return absl::StrCat("firms/", firm_id, "/members/", member_id, "/relationships/", contact_id);
}

}  // namespace refnet
