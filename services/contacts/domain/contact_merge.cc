// Merging two contacts: the survivor takes the merged contact's fields,
// relationships, interactions and connections; the merged contact is left as a
// tombstone that points at the survivor.
#include <set>

#include "absl/strings/str_cat.h"
#include "services/common/resource_names.h"
#include "services/common/status.h"
#include "services/common/validation.h"
#include "services/contacts/domain/contact_book.h"

namespace refnet::contacts {
namespace {

constexpr int32_t kBatch = 500;

void UniteInto(const std::vector<std::string>& from, std::vector<std::string>& into,
               bool case_insensitive) {
  std::set<std::string> seen;
  for (const std::string& v : into) seen.insert(case_insensitive ? LowerAscii(v) : v);
  for (const std::string& v : from) {
    if (seen.insert(case_insensitive ? LowerAscii(v) : v).second) into.push_back(v);
  }
}

void FillIfEmpty(const std::string& from, std::string& into) {
  if (into.empty()) into = from;
}

}  // namespace

void MergeContactFields(const Contact& merged, Contact& survivor) {
  FillIfEmpty(merged.organization, survivor.organization);
  FillIfEmpty(merged.title, survivor.title);
  FillIfEmpty(merged.source, survivor.source);
  UniteInto(merged.emails, survivor.emails, /*case_insensitive=*/true);
  UniteInto(merged.phones, survivor.phones, false);
  UniteInto(merged.tags, survivor.tags, false);
  UniteInto(merged.offers, survivor.offers, false);
  UniteInto(merged.needs, survivor.needs, false);
  if (!merged.notes.empty() && merged.notes != survivor.notes) {
    survivor.notes =
        survivor.notes.empty() ? merged.notes : absl::StrCat(survivor.notes, "\n\n", merged.notes);
  }
}

Relationship CombineRelationships(const Relationship& survivor, const Relationship& merged) {
  Relationship combined = survivor;
  combined.strength = std::max(survivor.strength, merged.strength);
  combined.key = survivor.key || merged.key;
  FillIfEmpty(merged.how_met, combined.how_met);
  FillIfEmpty(merged.met_through, combined.met_through);
  if (merged.last_touch_time &&
      (!combined.last_touch_time || *combined.last_touch_time < *merged.last_touch_time)) {
    combined.last_touch_time = merged.last_touch_time;
  }
  combined.create_time = std::min(survivor.create_time, merged.create_time);
  return combined;
}

absl::Status ContactBook::MoveRelationships(ContactRepository& repo, const std::string& firm_id,
                                            const std::string& survivor_id,
                                            const std::string& merged_id) {
  RelationshipFilter filter;
  filter.contact_id = merged_id;
  absl::Time now = clock_.Now();
  while (true) {
    // Each pass deletes what it read, so the next pass starts from the top.
    REFNET_ASSIGN_OR_RETURN(std::vector<Relationship> batch,
                            repo.ListRelationships(firm_id, filter, 0, kBatch));
    if (batch.empty()) break;
    for (Relationship& moved : batch) {
      REFNET_RETURN_IF_ERROR(repo.DeleteRelationship(firm_id, moved.member_id, merged_id));
      REFNET_ASSIGN_OR_RETURN(std::optional<Relationship> kept,
                              repo.GetRelationship(firm_id, moved.member_id, survivor_id));
      Relationship result = kept ? CombineRelationships(*kept, moved) : moved;
      result.contact_id = survivor_id;
      if (result.met_through == survivor_id || result.met_through == merged_id) {
        result.met_through.clear();
      }
      result.update_time = now;
      REFNET_RETURN_IF_ERROR(repo.UpsertRelationship(result));
    }
  }
  return repo.ReassignMetThrough(firm_id, merged_id, survivor_id);
}

absl::Status ContactBook::MoveConnections(ContactRepository& repo, const std::string& firm_id,
                                          const std::string& survivor_id,
                                          const std::string& merged_id) {
  while (true) {
    REFNET_ASSIGN_OR_RETURN(std::vector<Connection> batch,
                            repo.ListConnections(firm_id, merged_id, 0, kBatch));
    if (batch.empty()) return absl::OkStatus();
    for (const Connection& c : batch) {
      REFNET_RETURN_IF_ERROR(repo.DeleteConnection(firm_id, c.id));
      const std::string& other = c.contact_id == merged_id ? c.other_id : c.contact_id;
      if (other == survivor_id) continue;
      const std::string& low = std::min(other, survivor_id);
      const std::string& high = std::max(other, survivor_id);
      REFNET_ASSIGN_OR_RETURN(std::optional<Connection> existing,
                              repo.GetConnection(firm_id, low, high));
      if (existing) continue;
      Connection moved = c;
      moved.contact_id = low;
      moved.other_id = high;
      REFNET_RETURN_IF_ERROR(repo.InsertConnection(moved));
    }
  }
}

absl::StatusOr<Contact> ContactBook::MergeContacts(ContactRepository& repo,
                                                   const std::string& firm_id,
                                                   const std::string& survivor_id,
                                                   const std::string& merged_id) {
  if (survivor_id == merged_id) return FieldError("merged", "cannot merge a contact into itself");
  REFNET_ASSIGN_OR_RETURN(Contact survivor, GetLiveContact(repo, firm_id, survivor_id, "name"));
  REFNET_ASSIGN_OR_RETURN(Contact merged, GetLiveContact(repo, firm_id, merged_id, "merged"));
  if (survivor.archived) {
    return absl::FailedPreconditionError(absl::StrCat("name: ", ContactName(firm_id, survivor_id),
                                                      " is archived and cannot absorb a merge"));
  }
  absl::Time now = clock_.Now();
  MergeContactFields(merged, survivor);
  // The merged contact gives up its emails first so the survivor can hold them.
  merged.emails.clear();
  merged.archived = true;
  merged.merged_into = survivor_id;
  merged.update_time = now;
  merged.version += 1;
  REFNET_RETURN_IF_ERROR(repo.UpdateContact(merged));
  survivor.update_time = now;
  survivor.version += 1;
  REFNET_RETURN_IF_ERROR(repo.UpdateContact(survivor));
  REFNET_RETURN_IF_ERROR(MoveRelationships(repo, firm_id, survivor_id, merged_id));
  REFNET_RETURN_IF_ERROR(repo.ReassignInteractions(firm_id, merged_id, survivor_id));
  REFNET_RETURN_IF_ERROR(MoveConnections(repo, firm_id, survivor_id, merged_id));
  return survivor;
}

}  // namespace refnet::contacts
