// One table maps contact flags to Contact fields, so create and update agree
// on spelling and update masks always match the flags given.
#include "clients/refnetctl/contact_requests.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "clients/refnetctl/request_fields.h"
#include "clients/refnetctl/short_names.h"
#include "services/common/resource_names.h"
#include "services/common/status.h"

namespace refnet::ctl {
namespace {

struct ContactFlag {
  absl::string_view flag;
  absl::string_view field;  // Contact field and update-mask path
};

constexpr ContactFlag kContactFlags[] = {
    {"display-name", "display_name"},
    {"org", "organization"},
    {"title", "title"},
    {"email", "emails"},
    {"phone", "phones"},
    {"tag", "tags"},
    {"offer", "offers"},
    {"need", "needs"},
    {"notes", "notes"},
    {"source", "source"},
};

const ContactFlag* FindContactFlag(absl::string_view name) {
  for (const ContactFlag& flag : kContactFlags) {
    if (flag.flag == name || flag.field == name) return &flag;
  }
  return nullptr;
}

// Copies the flag's values into the field; returns whether the flag was given.
bool CopyFlag(const ParsedArgs& args, const ContactFlag& flag, v1::Contact* contact) {
  if (!args.Has(flag.flag)) return false;
  const auto* field = contact->GetDescriptor()->FindFieldByName(std::string(flag.field));
  const auto* refl = contact->GetReflection();
  if (field->is_repeated()) {
    for (const std::string& value : args.Values(flag.flag)) refl->AddString(contact, field, value);
  } else {
    refl->SetString(contact, field, *args.Value(flag.flag));
  }
  return true;
}

absl::StatusOr<std::string> ContactOperand(const ParsedArgs& args, const GlobalOptions& options,
                                           size_t index) {
  return ExpandChildName(options.firm_id, kContacts, args.positional.at(index), "contact");
}

// Adds --clear FIELD paths, leaving those fields empty in the request.
absl::Status ApplyClears(const ParsedArgs& args, google::protobuf::FieldMask* mask) {
  for (const std::string& name : args.Values("clear")) {
    const ContactFlag* flag = FindContactFlag(name);
    if (flag == nullptr || flag->field == "display_name") {
      return UsageError(absl::StrCat("--clear cannot clear \"", name, "\""));
    }
    if (args.Has(flag->flag)) {
      return UsageError(absl::StrCat("--clear ", name, " conflicts with --", flag->flag));
    }
    mask->add_paths(std::string(flag->field));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<v1::CreateContactRequest> BuildCreateContact(const ParsedArgs& args,
                                                            const GlobalOptions& options) {
  v1::CreateContactRequest request;
  REFNET_ASSIGN_OR_RETURN(*request.mutable_parent(), FirmParent(options.firm_id));
  REFNET_ASSIGN_OR_RETURN(*request.mutable_contact_id(), NewIdOperand(args));
  for (const ContactFlag& flag : kContactFlags) CopyFlag(args, flag, request.mutable_contact());
  request.set_request_id(options.request_id);
  return request;
}

absl::StatusOr<v1::GetContactRequest> BuildGetContact(const ParsedArgs& args,
                                                      const GlobalOptions& options) {
  v1::GetContactRequest request;
  REFNET_ASSIGN_OR_RETURN(*request.mutable_name(), ContactOperand(args, options, 0));
  return request;
}

absl::StatusOr<v1::ListContactsRequest> BuildListContacts(const ParsedArgs& args,
                                                          const GlobalOptions& options) {
  v1::ListContactsRequest request;
  REFNET_ASSIGN_OR_RETURN(*request.mutable_parent(), FirmParent(options.firm_id));
  REFNET_RETURN_IF_ERROR(ApplyPaging(args, &request));
  request.set_tag(args.Value("tag").value_or(""));
  request.set_organization(args.Value("org").value_or(""));
  if (std::optional<std::string> member = args.Value("known-by")) {
    REFNET_ASSIGN_OR_RETURN(*request.mutable_known_by(),
                            ExpandChildName(options.firm_id, kMembers, *member, "--known-by"));
  }
  request.set_query(args.Value("query").value_or(""));
  request.set_show_archived(args.Bool("show-archived"));
  return request;
}

absl::StatusOr<v1::UpdateContactRequest> BuildUpdateContact(const ParsedArgs& args,
                                                            const GlobalOptions& options) {
  v1::UpdateContactRequest request;
  v1::Contact& contact = *request.mutable_contact();
  REFNET_ASSIGN_OR_RETURN(*contact.mutable_name(), ContactOperand(args, options, 0));
  google::protobuf::FieldMask& mask = *request.mutable_update_mask();
  for (const ContactFlag& flag : kContactFlags) {
    if (CopyFlag(args, flag, &contact)) mask.add_paths(std::string(flag.field));
  }
  REFNET_RETURN_IF_ERROR(ApplyClears(args, &mask));
  if (mask.paths().empty()) {
    return UsageError("contacts update needs at least one field flag or --clear");
  }
  contact.set_etag(args.Value("etag").value_or(""));
  request.set_request_id(options.request_id);
  return request;
}

absl::StatusOr<v1::DeleteContactRequest> BuildDeleteContact(const ParsedArgs& args,
                                                            const GlobalOptions& options) {
  v1::DeleteContactRequest request;
  REFNET_ASSIGN_OR_RETURN(*request.mutable_name(), ContactOperand(args, options, 0));
  request.set_etag(args.Value("etag").value_or(""));
  request.set_request_id(options.request_id);
  return request;
}

absl::StatusOr<v1::MergeContactsRequest> BuildMergeContacts(const ParsedArgs& args,
                                                            const GlobalOptions& options) {
  v1::MergeContactsRequest request;
  REFNET_ASSIGN_OR_RETURN(*request.mutable_name(), ContactOperand(args, options, 0));
  REFNET_ASSIGN_OR_RETURN(*request.mutable_merged(), ContactOperand(args, options, 1));
  request.set_request_id(options.request_id);
  return request;
}

}  // namespace refnet::ctl
