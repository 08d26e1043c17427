// Contacts and graph resources between protobuf and the domain, with input
// validation that names the offending field.
#pragma once

#include "absl/status/statusor.h"
#include "refnet/v1/contact_service.pb.h"
#include "services/contacts/domain/contact_book.h"
#include "services/contacts/domain/types.h"

namespace refnet::contacts {

void ToProto(const Contact& contact, refnet::v1::Contact* out);
void ToProto(const Relationship& relationship, refnet::v1::Relationship* out);
void ToProto(const Interaction& interaction, refnet::v1::Interaction* out);
void ToProto(const Connection& connection, refnet::v1::Connection* out);

// Validates a contact to create and converts it (firm and id are left empty).
absl::StatusOr<Contact> ContactFromProto(const refnet::v1::Contact& contact);

// Validates the masked fields of an update and builds the patch.
absl::StatusOr<ContactPatch> ContactPatchFromProto(const refnet::v1::UpdateContactRequest& request);

// Validates a relationship; member and contact names must be under `firm_id`.
absl::StatusOr<Relationship> RelationshipFromProto(const refnet::v1::Relationship& relationship,
                                                   const std::string& firm_id);

absl::StatusOr<Interaction> InteractionFromProto(const refnet::v1::Interaction& interaction,
                                                 const std::string& firm_id);

// Parses a contact name in `field` that must belong to `firm_id`.
absl::StatusOr<std::string> ContactIdIn(absl::string_view name, const std::string& firm_id,
                                        absl::string_view field);
// Parses a member name in `field` that must belong to `firm_id`.
absl::StatusOr<std::string> MemberIdIn(absl::string_view name, const std::string& firm_id,
                                       absl::string_view field);

}  // namespace refnet::contacts
