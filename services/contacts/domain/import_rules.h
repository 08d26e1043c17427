// Event batches: the pure rules that decide what each imported row does
// (create, update, duplicate or error) and how a row is folded into the
// contact it matches.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "services/contacts/domain/types.h"

namespace refnet::contacts {

// Rows one batch may carry; larger imports are split by the caller.
inline constexpr size_t kImportRowsMax = 10000;

enum class ImportOutcome { kCreated = 1, kUpdated = 2, kDuplicate = 3, kError = 4 };

// One row as the transport validated it. `contact.id` is the requested
// contact id (may be empty); `invalid` holds the row's field error, if any.
struct ImportRow {
  int32_t row = 0;  // position in the stream, from 1
  Contact contact;
  absl::Status invalid;
};

struct ImportBatch {
  std::string firm_id;
  std::string member_id;
  std::string event_tag;                 // the normalized event name; empty for none
  std::optional<absl::Time> event_time;  // now when unset
  std::vector<ImportRow> rows;
};

// What one row did. `contact` and `interaction` are set for created and
// updated rows: what was stored.
struct ImportRowResult {
  int32_t row = 0;
  ImportOutcome outcome = ImportOutcome::kError;
  std::string contact_id;
  std::string field;
  std::string message;
  std::optional<Contact> contact;
  std::optional<Interaction> interaction;
};

// What the store holds for the keys of one row.
struct RowMatches {
  std::string contact_id;  // the row's requested id, may be empty
  bool id_taken = false;   // a contact with that id exists (in any state)
  // For each of the row's emails, in order, the id of the contact holding it.
  std::vector<std::optional<std::string>> email_holders;
};

// Contacts created or updated earlier in the batch, with the row that did it.
using TouchedContacts = absl::flat_hash_map<std::string, int32_t>;

// The verdict on one row before anything is written. For updates and
// duplicates `contact_id` is the matched contact and `field` what matched.
struct ImportDecision {
  ImportOutcome outcome = ImportOutcome::kCreated;
  std::string contact_id;
  std::string field;
  std::string message;
};

// Decides a row from its matches: a match with a contact touched earlier in
// the batch is a duplicate; one matched contact is an update; keys that point
// at different contacts are an error; no match creates.
ImportDecision ClassifyImportRow(absl::string_view firm_id, const RowMatches& matches,
                                 const TouchedContacts& touched);

// The event's tag: surrounding whitespace dropped, inner runs made one space.
// INVALID_ARGUMENT naming `event_name` when it cannot be a tag.
absl::StatusOr<std::string> EventTag(absl::string_view event_name);

// Adds `tag` to `tags` unless it is empty or already there.
void AddTag(const std::string& tag, std::vector<std::string>& tags);

// Refuses a matched contact that cannot take an import: merged away or
// archived. `field` is what matched.
absl::Status CheckImportTarget(const Contact& target, absl::string_view field);

// Folds a row into the contact it matched: lists gain the row's new entries
// (emails compared case-insensitively), an empty organization, title or
// source is filled, the row's notes are appended unless already there, and
// nothing is blanked out. Fails naming the field when the result would break
// a limit; `target` is then unspecified.
absl::Status MergeImportedRow(const Contact& row, Contact& target);

// Checks the list and notes limits of a contact built by an import.
absl::Status CheckImportedLimits(const Contact& contact);

// Splits a field error (`field: problem`) into its field and problem.
void SplitFieldError(const absl::Status& status, std::string* field, std::string* message);

}  // namespace refnet::contacts
