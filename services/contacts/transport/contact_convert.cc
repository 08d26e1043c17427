// Conversions and field validation for the contacts API.
#include "services/contacts/transport/contact_convert.h"

#include <set>

#include "absl/strings/str_cat.h"
#include "services/common/etag.h"
#include "services/common/limits.h"
#include "services/common/resource_names.h"
#include "services/common/rpc/access.h"
#include "services/common/rpc/field_mask.h"
#include "services/common/rpc/proto_time.h"
#include "services/common/status.h"
#include "services/common/validation.h"

namespace refnet::contacts {
namespace {

using google::protobuf::RepeatedPtrField;

std::vector<std::string> ToVector(const RepeatedPtrField<std::string>& values) {
  return std::vector<std::string>(values.begin(), values.end());
}

void Assign(const std::vector<std::string>& values, RepeatedPtrField<std::string>* out) {
  out->Assign(values.begin(), values.end());
}

absl::Status ValidateEmails(const std::vector<std::string>& emails) {
  if (emails.size() > limits::kEmailsCountMax) {
    return FieldError("contact.emails",
                      absl::StrCat("has more than ", limits::kEmailsCountMax, " entries"));
  }
  std::set<std::string> seen;
  for (size_t i = 0; i < emails.size(); ++i) {
    std::string field = absl::StrCat("contact.emails[", i, "]");
    REFNET_RETURN_IF_ERROR(ValidateEmail(emails[i], field));
    if (!seen.insert(LowerAscii(emails[i])).second) {
      return FieldError(field, absl::StrCat(emails[i], " is listed twice"));
    }
  }
  return absl::OkStatus();
}

absl::Status ValidatePhones(const std::vector<std::string>& phones) {
  if (phones.size() > limits::kPhonesCountMax) {
    return FieldError("contact.phones",
                      absl::StrCat("has more than ", limits::kPhonesCountMax, " entries"));
  }
  for (size_t i = 0; i < phones.size(); ++i) {
    REFNET_RETURN_IF_ERROR(ValidatePhone(phones[i], absl::StrCat("contact.phones[", i, "]")));
  }
  return absl::OkStatus();
}

// Validates one mutable field of a contact by its proto field name.
absl::Status ValidateContactField(const refnet::v1::Contact& c, const std::string& path) {
  using limits::kNameLengthMax;
  if (path == "display_name")
    return ValidateRequiredText(c.display_name(), "contact.display_name", kNameLengthMax);
  if (path == "organization")
    return ValidateOptionalText(c.organization(), "contact.organization", kNameLengthMax);
  if (path == "title") return ValidateOptionalText(c.title(), "contact.title", kNameLengthMax);
  if (path == "emails") return ValidateEmails(ToVector(c.emails()));
  if (path == "phones") return ValidatePhones(ToVector(c.phones()));
  if (path == "tags")
    return ValidateTextList(ToVector(c.tags()), "contact.tags", limits::kTagsCountMax,
                            limits::kTagLengthMax);
  if (path == "offers")
    return ValidateTextList(ToVector(c.offers()), "contact.offers", limits::kOffersCountMax,
                            limits::kOfferLengthMax);
  if (path == "needs")
    return ValidateTextList(ToVector(c.needs()), "contact.needs", limits::kOffersCountMax,
                            limits::kOfferLengthMax);
  if (path == "notes")
    return ValidateOptionalText(c.notes(), "contact.notes", limits::kNotesLengthMax);
  if (path == "source") return ValidateOptionalText(c.source(), "contact.source", kNameLengthMax);
  return absl::InternalError(absl::StrCat("no validator for contact field ", path));
}

const std::set<std::string>& MutableContactPaths() {
  static const std::set<std::string> kPaths = {"display_name", "organization", "title",  "emails",
                                               "phones",       "tags",         "offers", "needs",
                                               "notes",        "source"};
  return kPaths;
}

}  // namespace

void ToProto(const Contact& c, refnet::v1::Contact* out) {
  out->set_name(ContactName(c.firm_id, c.id));
  out->set_display_name(c.display_name);
  out->set_organization(c.organization);
  out->set_title(c.title);
  Assign(c.emails, out->mutable_emails());
  Assign(c.phones, out->mutable_phones());
  Assign(c.tags, out->mutable_tags());
  Assign(c.offers, out->mutable_offers());
  Assign(c.needs, out->mutable_needs());
  out->set_notes(c.notes);
  out->set_source(c.source);
  rpc::ToProto(c.create_time, out->mutable_create_time());
  rpc::ToProto(c.update_time, out->mutable_update_time());
  out->set_archived(c.archived);
  out->set_etag(EtagFor(c.version));
}

void ToProto(const Relationship& r, refnet::v1::Relationship* out) {
  out->set_name(RelationshipName(r.firm_id, r.member_id, r.contact_id));
  out->set_member(MemberName(r.firm_id, r.member_id));
  out->set_contact(ContactName(r.firm_id, r.contact_id));
  out->set_strength(r.strength);
  out->set_how_met(r.how_met);
  if (!r.met_through.empty()) out->set_met_through(ContactName(r.firm_id, r.met_through));
  out->set_key(r.key);
  if (r.last_touch_time) rpc::ToProto(*r.last_touch_time, out->mutable_last_touch_time());
  rpc::ToProto(r.create_time, out->mutable_create_time());
  rpc::ToProto(r.update_time, out->mutable_update_time());
}

void ToProto(const Interaction& i, refnet::v1::Interaction* out) {
  out->set_name(InteractionName(i.firm_id, i.id));
  out->set_member(MemberName(i.firm_id, i.member_id));
  out->set_contact(ContactName(i.firm_id, i.contact_id));
  out->set_kind(static_cast<refnet::v1::InteractionKind>(i.kind));
  rpc::ToProto(i.occurred_at, out->mutable_occurred_at());
  out->set_event_name(i.event_name);
  out->set_note(i.note);
  rpc::ToProto(i.create_time, out->mutable_create_time());
}

void ToProto(const Connection& c, refnet::v1::Connection* out) {
  out->set_name(ConnectionName(c.firm_id, c.id));
  out->set_contact(ContactName(c.firm_id, c.contact_id));
  out->set_other(ContactName(c.firm_id, c.other_id));
  out->set_note(c.note);
  rpc::ToProto(c.create_time, out->mutable_create_time());
}

absl::StatusOr<Contact> ContactFromProto(const refnet::v1::Contact& c) {
  for (const std::string& path : MutableContactPaths()) {
    REFNET_RETURN_IF_ERROR(ValidateContactField(c, path));
  }
  Contact contact;
  contact.display_name = c.display_name();
  contact.organization = c.organization();
  contact.title = c.title();
  contact.emails = ToVector(c.emails());
  contact.phones = ToVector(c.phones());
  contact.tags = ToVector(c.tags());
  contact.offers = ToVector(c.offers());
  contact.needs = ToVector(c.needs());
  contact.notes = c.notes();
  contact.source = c.source();
  return contact;
}

absl::StatusOr<ContactPatch> ContactPatchFromProto(
    const refnet::v1::UpdateContactRequest& request) {
  const refnet::v1::Contact& c = request.contact();
  REFNET_ASSIGN_OR_RETURN(std::set<std::string> paths,
                          rpc::ResolveUpdateMask(request.update_mask(), c, MutableContactPaths()));
  ContactPatch patch;
  for (const std::string& path : paths) {
    REFNET_RETURN_IF_ERROR(ValidateContactField(c, path));
  }
  if (paths.count("display_name")) patch.display_name = c.display_name();
  if (paths.count("organization")) patch.organization = c.organization();
  if (paths.count("title")) patch.title = c.title();
  if (paths.count("emails")) patch.emails = ToVector(c.emails());
  if (paths.count("phones")) patch.phones = ToVector(c.phones());
  if (paths.count("tags")) patch.tags = ToVector(c.tags());
  if (paths.count("offers")) patch.offers = ToVector(c.offers());
  if (paths.count("needs")) patch.needs = ToVector(c.needs());
  if (paths.count("notes")) patch.notes = c.notes();
  if (paths.count("source")) patch.source = c.source();
  return patch;
}

absl::StatusOr<std::string> ContactIdIn(absl::string_view name, const std::string& firm_id,
                                        absl::string_view field) {
  REFNET_ASSIGN_OR_RETURN(ChildName parsed, ParseChildName(name, kContacts, field));
  REFNET_RETURN_IF_ERROR(rpc::RequireNameInFirm(parsed.firm_id, firm_id, field));
  return parsed.id;
}

absl::StatusOr<std::string> MemberIdIn(absl::string_view name, const std::string& firm_id,
                                       absl::string_view field) {
  REFNET_ASSIGN_OR_RETURN(ChildName parsed, ParseChildName(name, kMembers, field));
  REFNET_RETURN_IF_ERROR(rpc::RequireNameInFirm(parsed.firm_id, firm_id, field));
  return parsed.id;
}

absl::StatusOr<Relationship> RelationshipFromProto(const refnet::v1::Relationship& r,
                                                   const std::string& firm_id) {
  Relationship out;
  out.firm_id = firm_id;
  REFNET_ASSIGN_OR_RETURN(out.member_id, MemberIdIn(r.member(), firm_id, "relationship.member"));
  REFNET_ASSIGN_OR_RETURN(out.contact_id,
                          ContactIdIn(r.contact(), firm_id, "relationship.contact"));
  if (r.strength() < limits::kStrengthMin || r.strength() > limits::kStrengthMax) {
    return FieldError("relationship.strength",
                      absl::StrCat("must be between ", limits::kStrengthMin, " and ",
                                   limits::kStrengthMax, ", got ", r.strength()));
  }
  out.strength = r.strength();
  REFNET_RETURN_IF_ERROR(
      ValidateOptionalText(r.how_met(), "relationship.how_met", limits::kHowMetLengthMax));
  out.how_met = r.how_met();
  if (!r.met_through().empty()) {
    REFNET_ASSIGN_OR_RETURN(out.met_through,
                            ContactIdIn(r.met_through(), firm_id, "relationship.met_through"));
  }
  out.key = r.key();
  return out;
}

absl::StatusOr<Interaction> InteractionFromProto(const refnet::v1::Interaction& i,
                                                 const std::string& firm_id) {
  Interaction out;
  out.firm_id = firm_id;
  REFNET_ASSIGN_OR_RETURN(out.member_id, MemberIdIn(i.member(), firm_id, "interaction.member"));
  REFNET_ASSIGN_OR_RETURN(out.contact_id, ContactIdIn(i.contact(), firm_id, "interaction.contact"));
  if (i.kind() == refnet::v1::INTERACTION_KIND_UNSPECIFIED) {
    return FieldError("interaction.kind", "is required");
  }
  if (!refnet::v1::InteractionKind_IsValid(i.kind())) {
    return FieldError("interaction.kind",
                      absl::StrCat(static_cast<int>(i.kind()), " is not a known interaction kind"));
  }
  out.kind = static_cast<InteractionKind>(i.kind());
  out.occurred_at = absl::InfinitePast();
  if (i.has_occurred_at()) {
    if (!rpc::IsValidTimestamp(i.occurred_at())) {
      return FieldError("interaction.occurred_at", "is not a valid timestamp");
    }
    out.occurred_at = rpc::FromProto(i.occurred_at());
  }
  REFNET_RETURN_IF_ERROR(
      ValidateOptionalText(i.event_name(), "interaction.event_name", limits::kNameLengthMax));
  REFNET_RETURN_IF_ERROR(
      ValidateOptionalText(i.note(), "interaction.note", limits::kNoteLengthMax));
  out.event_name = i.event_name();
  out.note = i.note();
  return out;
}

}  // namespace refnet::contacts
