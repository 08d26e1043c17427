// Graph rules: relationships (member↔contact), interactions and connections.
#include <algorithm>

#include "absl/strings/str_cat.h"
#include "services/common/resource_names.h"
#include "services/common/status.h"
#include "services/contacts/domain/contact_book.h"

namespace refnet::contacts {
namespace {

absl::Status RequireMember(admin::AdminRepository& members, const std::string& firm_id,
                           const std::string& member_id, absl::string_view field) {
  absl::StatusOr<admin::Member> member = members.GetMember(firm_id, member_id);
  if (absl::IsNotFound(member.status())) {
    return absl::NotFoundError(
        absl::StrCat(field, ": member ", MemberName(firm_id, member_id), " does not exist"));
  }
  return member.status();
}

}  // namespace

absl::StatusOr<Relationship> ContactBook::SetRelationship(admin::AdminRepository& members,
                                                          ContactRepository& repo,
                                                          Relationship draft) {
  const std::string& firm = draft.firm_id;
  REFNET_RETURN_IF_ERROR(RequireMember(members, firm, draft.member_id, "relationship.member"));
  REFNET_RETURN_IF_ERROR(
      GetLiveContact(repo, firm, draft.contact_id, "relationship.contact").status());
  if (!draft.met_through.empty()) {
    if (draft.met_through == draft.contact_id) {
      return FieldError("relationship.met_through", "cannot be the contact itself");
    }
    REFNET_RETURN_IF_ERROR(
        GetLiveContact(repo, firm, draft.met_through, "relationship.met_through").status());
  }
  REFNET_ASSIGN_OR_RETURN(std::optional<Relationship> existing,
                          repo.GetRelationship(firm, draft.member_id, draft.contact_id));
  bool was_key = existing && existing->key;
  if (draft.key && !was_key) {
    REFNET_ASSIGN_OR_RETURN(int32_t keys, repo.CountKeyRelationships(firm, draft.member_id));
    REFNET_ASSIGN_OR_RETURN(admin::FirmSettings settings, members.GetSettings(firm));
    int32_t key_relationships_max = settings.key_relationships_max;
    if (keys >= key_relationships_max) {
      return absl::FailedPreconditionError(absl::StrCat(
          "relationship.key: ", MemberName(firm, draft.member_id), " already has ", keys,
          " key relationships (the firm allows ", key_relationships_max, "); unmark one first"));
    }
  }
  absl::Time now = clock_.Now();
  draft.create_time = existing ? existing->create_time : now;
  draft.last_touch_time = existing ? existing->last_touch_time : std::nullopt;
  draft.update_time = now;
  REFNET_RETURN_IF_ERROR(repo.UpsertRelationship(draft));
  return draft;
}

absl::StatusOr<Interaction> ContactBook::LogInteraction(admin::AdminRepository& members,
                                                        ContactRepository& repo,
                                                        Interaction draft) {
  const std::string& firm = draft.firm_id;
  REFNET_RETURN_IF_ERROR(RequireMember(members, firm, draft.member_id, "interaction.member"));
  REFNET_RETURN_IF_ERROR(
      GetLiveContact(repo, firm, draft.contact_id, "interaction.contact").status());
  absl::Time now = clock_.Now();
  draft.id = ids_.NewId();
  draft.create_time = now;
  if (draft.occurred_at == absl::InfinitePast()) draft.occurred_at = now;
  if (draft.occurred_at > now + absl::Hours(24)) {
    return FieldError("interaction.occurred_at", "is more than a day in the future");
  }
  REFNET_RETURN_IF_ERROR(repo.InsertInteraction(draft));

  REFNET_ASSIGN_OR_RETURN(std::optional<Relationship> relationship,
                          repo.GetRelationship(firm, draft.member_id, draft.contact_id));
  if (!relationship) {
    relationship.emplace();
    relationship->firm_id = firm;
    relationship->member_id = draft.member_id;
    relationship->contact_id = draft.contact_id;
    relationship->strength = limits::kStrengthMin;
    relationship->create_time = now;
  }
  if (!relationship->last_touch_time || *relationship->last_touch_time < draft.occurred_at) {
    relationship->last_touch_time = draft.occurred_at;
  }
  relationship->update_time = now;
  REFNET_RETURN_IF_ERROR(repo.UpsertRelationship(*relationship));
  return draft;
}

absl::StatusOr<Connection> ContactBook::ConnectContacts(ContactRepository& repo,
                                                        const std::string& firm_id,
                                                        const std::string& contact_id,
                                                        const std::string& other_id,
                                                        const std::string& note) {
  if (contact_id == other_id) return FieldError("other", "cannot connect a contact to itself");
  REFNET_RETURN_IF_ERROR(GetLiveContact(repo, firm_id, contact_id, "contact").status());
  REFNET_RETURN_IF_ERROR(GetLiveContact(repo, firm_id, other_id, "other").status());
  const std::string& low = std::min(contact_id, other_id);
  const std::string& high = std::max(contact_id, other_id);
  REFNET_ASSIGN_OR_RETURN(std::optional<Connection> existing,
                          repo.GetConnection(firm_id, low, high));
  if (existing) return *existing;
  Connection connection;
  connection.firm_id = firm_id;
  connection.id = ids_.NewId();
  connection.contact_id = low;
  connection.other_id = high;
  connection.note = note;
  connection.create_time = clock_.Now();
  REFNET_RETURN_IF_ERROR(repo.InsertConnection(connection));
  return connection;
}

}  // namespace refnet::contacts
