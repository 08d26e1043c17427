// Pure rules of an event batch; ContactBook::ImportContacts applies them.
#include "services/contacts/domain/import_rules.h"

#include <algorithm>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "services/common/limits.h"
#include "services/common/resource_names.h"
#include "services/common/status.h"
#include "services/common/validation.h"
#include "services/contacts/domain/contact_book.h"

namespace refnet::contacts {
namespace {

std::string EmailField(size_t index) { return absl::StrCat("contact.emails[", index, "]"); }

ImportDecision Decide(ImportOutcome outcome, std::string contact_id, std::string field,
                      std::string message = "") {
  return ImportDecision{outcome, std::move(contact_id), std::move(field), std::move(message)};
}

ImportDecision Duplicate(const std::string& contact_id, std::string field, int32_t earlier_row) {
  return Decide(ImportOutcome::kDuplicate, contact_id, std::move(field),
                absl::StrCat("same contact as row ", earlier_row));
}

absl::Status CheckCount(size_t count, size_t count_max, absl::string_view field) {
  if (count <= count_max) return absl::OkStatus();
  return FieldError(field, absl::StrCat("would hold ", count, " entries once imported; at most ",
                                        count_max, " are allowed"));
}

}  // namespace

ImportDecision ClassifyImportRow(absl::string_view firm_id, const RowMatches& matches,
                                 const TouchedContacts& touched) {
  const std::string& requested = matches.contact_id;
  if (!requested.empty()) {
    auto it = touched.find(requested);
    if (it != touched.end()) return Duplicate(requested, "contact_id", it->second);
  }
  const auto& holders = matches.email_holders;
  for (size_t i = 0; i < holders.size(); ++i) {
    if (!holders[i]) continue;
    auto it = touched.find(*holders[i]);
    if (it != touched.end()) return Duplicate(*holders[i], EmailField(i), it->second);
  }
  // The one contact the row's keys may point at, and the key that named it.
  std::optional<std::string> target;
  std::string target_field;
  if (matches.id_taken) {
    target = requested;
    target_field = "contact_id";
  }
  for (size_t i = 0; i < holders.size(); ++i) {
    if (!holders[i]) continue;
    if (!target && !requested.empty()) {
      return Decide(ImportOutcome::kError, "", "contact_id",
                    absl::StrCat("names no contact, but ", EmailField(i), " belongs to ",
                                 ContactName(firm_id, *holders[i]),
                                 "; leave contact_id empty to update that contact"));
    }
    if (!target) {
      target = *holders[i];
      target_field = EmailField(i);
    } else if (*holders[i] != *target) {
      return Decide(ImportOutcome::kError, "", EmailField(i),
                    absl::StrCat("belongs to ", ContactName(firm_id, *holders[i]), " but ",
                                 target_field, " matches ", ContactName(firm_id, *target)));
    }
  }
  if (target) return Decide(ImportOutcome::kUpdated, *target, target_field);
  return Decide(ImportOutcome::kCreated, requested, "");
}

absl::StatusOr<std::string> EventTag(absl::string_view event_name) {
  REFNET_RETURN_IF_ERROR(ValidateOptionalText(event_name, "event_name", limits::kNameLengthMax));
  std::vector<absl::string_view> words =
      absl::StrSplit(event_name, absl::ByAnyChar(" \t\r\n"), absl::SkipEmpty());
  std::string tag = absl::StrJoin(words, " ");
  if (tag.size() > limits::kTagLengthMax) {
    return FieldError("event_name", absl::StrCat("is longer than ", limits::kTagLengthMax,
                                                 " bytes, the longest tag"));
  }
  return tag;
}

void AddTag(const std::string& tag, std::vector<std::string>& tags) {
  if (tag.empty() || std::find(tags.begin(), tags.end(), tag) != tags.end()) return;
  tags.push_back(tag);
}

absl::Status CheckImportTarget(const Contact& target, absl::string_view field) {
  std::string name = ContactName(target.firm_id, target.id);
  if (!target.merged_into.empty()) {
    return FieldError(field, absl::StrCat("matches ", name, ", which was merged into ",
                                          ContactName(target.firm_id, target.merged_into)));
  }
  if (target.archived) {
    return FieldError(field, absl::StrCat("matches ", name, ", which is archived"));
  }
  return absl::OkStatus();
}

absl::Status MergeImportedRow(const Contact& row, Contact& target) {
  Contact incoming = row;
  incoming.notes.clear();
  MergeContactFields(incoming, target);
  if (!row.notes.empty() && !absl::StrContains(target.notes, row.notes)) {
    target.notes = target.notes.empty() ? row.notes : absl::StrCat(target.notes, "\n\n", row.notes);
  }
  return CheckImportedLimits(target);
}

absl::Status CheckImportedLimits(const Contact& contact) {
  REFNET_RETURN_IF_ERROR(
      CheckCount(contact.emails.size(), limits::kEmailsCountMax, "contact.emails"));
  REFNET_RETURN_IF_ERROR(
      CheckCount(contact.phones.size(), limits::kPhonesCountMax, "contact.phones"));
  REFNET_RETURN_IF_ERROR(CheckCount(contact.tags.size(), limits::kTagsCountMax, "contact.tags"));
  REFNET_RETURN_IF_ERROR(
      CheckCount(contact.offers.size(), limits::kOffersCountMax, "contact.offers"));
  REFNET_RETURN_IF_ERROR(
      CheckCount(contact.needs.size(), limits::kOffersCountMax, "contact.needs"));
  if (contact.notes.size() > limits::kNotesLengthMax) {
    return FieldError(
        "contact.notes",
        absl::StrCat("would be longer than ", limits::kNotesLengthMax, " bytes once imported"));
  }
  return absl::OkStatus();
}

void SplitFieldError(const absl::Status& status, std::string* field, std::string* message) {
  absl::string_view text = status.message();
  size_t colon = text.find(": ");
  if (colon != absl::string_view::npos && colon > 0 &&
      text.substr(0, colon).find(' ') == absl::string_view::npos) {
    *field = std::string(text.substr(0, colon));
    *message = std::string(text.substr(colon + 2));
    return;
  }
  field->clear();
  *message = std::string(text);
}

}  // namespace refnet::contacts
