// Event batches against the store: each row is classified against what the
// transaction already holds (earlier rows included), then created or merged
// in, tagged, and given the event interaction that schedules its follow-ups.
#include "absl/strings/str_cat.h"
#include "services/common/resource_names.h"
#include "services/common/status.h"
#include "services/common/validation.h"
#include "services/contacts/domain/contact_book.h"

namespace refnet::contacts {
namespace {

absl::Status RequireActiveMember(admin::AdminRepository& members, const std::string& firm_id,
                                 const std::string& member_id) {
  absl::StatusOr<admin::Member> member = members.GetMember(firm_id, member_id);
  if (absl::IsNotFound(member.status())) {
    return absl::NotFoundError(
        absl::StrCat("member: member ", MemberName(firm_id, member_id), " does not exist"));
  }
  if (!member.ok()) return member.status();
  if (!member->active) {
    return absl::FailedPreconditionError(
        absl::StrCat("member: ", MemberName(firm_id, member_id), " is inactive"));
  }
  return absl::OkStatus();
}

ImportRowResult Refused(int32_t row, const absl::Status& status) {
  ImportRowResult result;
  result.row = row;
  result.outcome = ImportOutcome::kError;
  SplitFieldError(status, &result.field, &result.message);
  return result;
}

// Which stored contacts the row's id and emails point at.
absl::StatusOr<RowMatches> FindMatches(ContactRepository& repo, const Contact& row) {
  RowMatches matches;
  matches.contact_id = row.id;
  if (!row.id.empty()) {
    absl::StatusOr<std::string> merged_into = repo.MergedInto(row.firm_id, row.id);
    if (merged_into.ok()) {
      matches.id_taken = true;
    } else if (!absl::IsNotFound(merged_into.status())) {
      return merged_into.status();
    }
  }
  for (const std::string& email : row.emails) {
    REFNET_ASSIGN_OR_RETURN(std::optional<std::string> holder,
                            repo.FindContactByEmail(row.firm_id, LowerAscii(email)));
    matches.email_holders.push_back(std::move(holder));
  }
  return matches;
}

}  // namespace

absl::StatusOr<std::vector<ImportRowResult>> ContactBook::ImportContacts(
    admin::AdminRepository& members, ContactRepository& repo, const ImportBatch& batch) {
  REFNET_RETURN_IF_ERROR(RequireActiveMember(members, batch.firm_id, batch.member_id));
  absl::Time now = clock_.Now();
  absl::Time event_time = batch.event_time.value_or(now);
  if (event_time > now + absl::Hours(24)) {
    return FieldError("event_time", "is more than a day in the future");
  }
  TouchedContacts touched;
  std::vector<ImportRowResult> results;
  results.reserve(batch.rows.size());
  for (const ImportRow& row : batch.rows) {
    if (!row.invalid.ok()) {
      results.push_back(Refused(row.row, row.invalid));
      continue;
    }
    REFNET_ASSIGN_OR_RETURN(ImportRowResult result,
                            ImportOneRow(members, repo, batch, event_time, row, touched));
    if (result.outcome == ImportOutcome::kCreated || result.outcome == ImportOutcome::kUpdated) {
      touched.emplace(result.contact_id, row.row);
    }
    results.push_back(std::move(result));
  }
  return results;
}

absl::StatusOr<ImportRowResult> ContactBook::ImportOneRow(
    admin::AdminRepository& members, ContactRepository& repo, const ImportBatch& batch,
    absl::Time event_time, const ImportRow& row, const TouchedContacts& touched) {
  Contact incoming = row.contact;
  incoming.firm_id = batch.firm_id;
  AddTag(batch.event_tag, incoming.tags);
  REFNET_ASSIGN_OR_RETURN(RowMatches matches, FindMatches(repo, incoming));
  ImportDecision decision = ClassifyImportRow(batch.firm_id, matches, touched);
  ImportRowResult result;
  result.row = row.row;
  result.outcome = decision.outcome;
  result.contact_id = decision.contact_id;
  result.field = decision.field;
  result.message = decision.message;
  if (decision.outcome == ImportOutcome::kError || decision.outcome == ImportOutcome::kDuplicate) {
    return result;
  }
  // Everything that may refuse the row is checked before its first write, so
  // a refused row leaves nothing behind. A failure past this point is not the
  // row's fault: it fails the batch, and the transaction takes it all back.
  Contact stored;
  if (decision.outcome == ImportOutcome::kCreated) {
    absl::Status fits = CheckImportedLimits(incoming);
    if (!fits.ok()) return Refused(row.row, fits);
    REFNET_ASSIGN_OR_RETURN(stored, CreateContact(repo, incoming));
  } else {
    REFNET_ASSIGN_OR_RETURN(stored, repo.GetContact(batch.firm_id, decision.contact_id));
    absl::Status fits = CheckImportTarget(stored, decision.field);
    if (fits.ok()) fits = MergeImportedRow(incoming, stored);
    if (!fits.ok()) return Refused(row.row, fits);
    stored.update_time = clock_.Now();
    stored.version += 1;
    REFNET_RETURN_IF_ERROR(repo.UpdateContact(stored));
  }
  Interaction draft;
  draft.firm_id = batch.firm_id;
  draft.member_id = batch.member_id;
  draft.contact_id = stored.id;
  draft.kind = InteractionKind::kEvent;
  draft.occurred_at = event_time;
  draft.event_name = batch.event_tag;
  REFNET_ASSIGN_OR_RETURN(Interaction logged, LogInteraction(members, repo, draft));
  result.contact_id = stored.id;
  result.contact = std::move(stored);
  result.interaction = std::move(logged);
  return result;
}

}  // namespace refnet::contacts
