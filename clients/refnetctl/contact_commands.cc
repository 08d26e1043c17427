// `refnetctl contacts …`: the contact methods of ContactService.
#include "clients/refnetctl/command.h"
#include "clients/refnetctl/contact_requests.h"
#include "clients/refnetctl/rpc.h"
#include "refnet/v1/contact_service.grpc.pb.h"

namespace refnet::ctl {
namespace {

using Stub = v1::ContactService::Stub;

constexpr FlagSpec kEtagFlag = {"etag", FlagKind::kValue, "ETAG",
                                "refuse the change if the contact moved on"};

// The contact's own fields, shared by create and update.
std::vector<FlagSpec> ContactFieldFlags() {
  return {
      {"display-name", FlagKind::kValue, "NAME", "the contact's name"},
      {"org", FlagKind::kValue, "ORG", "organization"},
      {"title", FlagKind::kValue, "TITLE", "job title"},
      {"email", FlagKind::kRepeated, "EMAIL", "email address (repeatable)"},
      {"phone", FlagKind::kRepeated, "PHONE", "phone number (repeatable)"},
      {"tag", FlagKind::kRepeated, "TAG", "label such as an industry or event (repeatable)"},
      {"offer", FlagKind::kRepeated, "TEXT", "what the contact can give (repeatable)"},
      {"need", FlagKind::kRepeated, "TEXT", "what the contact is looking for (repeatable)"},
      {"notes", FlagKind::kValue, "TEXT", "free-form notes"},
      {"source", FlagKind::kValue, "TEXT", "where the contact came from"},
  };
}

std::vector<FlagSpec> CreateFlags() {
  std::vector<FlagSpec> flags = ContactFieldFlags();
  flags.push_back({"id", FlagKind::kValue, "ID", "id of the new contact (default: random)"});
  return flags;
}

std::vector<FlagSpec> UpdateFlags() {
  std::vector<FlagSpec> flags = ContactFieldFlags();
  flags.push_back({"clear", FlagKind::kRepeated, "FIELD", "empty this field (repeatable)"});
  flags.push_back(kEtagFlag);
  return flags;
}

std::vector<FlagSpec> ListFlags() {
  return WithPaging({
      {"tag", FlagKind::kValue, "TAG", "only contacts with this tag"},
      {"org", FlagKind::kValue, "ORG", "only contacts at this organization"},
      {"known-by", FlagKind::kValue, "MEMBER", "only contacts this member knows"},
      {"query", FlagKind::kValue, "TEXT", "text in the name, organization or emails"},
      {"show-archived", FlagKind::kBool, "", "include archived contacts"},
  });
}

}  // namespace

std::vector<Command> ContactCommands() {
  return {
      {.group = "contacts",
       .verb = "create",
       .operands = "[ID]",
       .summary = "create a contact",
       .flags = CreateFlags(),
       .positional_max = 1,
       .run = RunUnary<BuildCreateContact, &Stub::CreateContact>},
      {.group = "contacts",
       .verb = "get",
       .operands = "NAME_OR_ID",
       .summary = "show a contact",
       .positional_min = 1,
       .positional_max = 1,
       .run = RunUnary<BuildGetContact, &Stub::GetContact>},
      {.group = "contacts",
       .verb = "list",
       .summary = "list contacts, filtered",
       .flags = ListFlags(),
       .run = RunList<BuildListContacts, &Stub::ListContacts>},
      {.group = "contacts",
       .verb = "update",
       .operands = "NAME_OR_ID",
       .summary = "change the fields whose flags are given",
       .flags = UpdateFlags(),
       .positional_min = 1,
       .positional_max = 1,
       .run = RunUnary<BuildUpdateContact, &Stub::UpdateContact>},
      {.group = "contacts",
       .verb = "delete",
       .operands = "NAME_OR_ID",
       .summary = "archive a contact (admins and services)",
       .flags = {kEtagFlag},
       .positional_min = 1,
       .positional_max = 1,
       .run = RunUnary<BuildDeleteContact, &Stub::DeleteContact>},
      {.group = "contacts",
       .verb = "merge",
       .operands = "SURVIVOR MERGED",
       .summary = "merge MERGED into SURVIVOR (admins)",
       .positional_min = 2,
       .positional_max = 2,
       .run = RunUnary<BuildMergeContacts, &Stub::MergeContacts>},
      ImportContactsCommand(),
  };
}

}  // namespace refnet::ctl
