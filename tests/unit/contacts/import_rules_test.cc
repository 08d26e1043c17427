// The pure rules of an event batch: what a row does, how it merges into the
// contact it matched, and the event's tag.
#include "services/contacts/domain/import_rules.h"

#include "gtest/gtest.h"

namespace refnet::contacts {
namespace {

RowMatches Matches(std::string contact_id, bool id_taken,
                   std::vector<std::optional<std::string>> holders) {
  RowMatches matches;
  matches.contact_id = std::move(contact_id);
  matches.id_taken = id_taken;
  matches.email_holders = std::move(holders);
  return matches;
}

TEST(ClassifyImportRowTest, ARowMatchingNothingCreatesWithItsRequestedId) {
  ImportDecision d = ClassifyImportRow("acme", Matches("ann", false, {std::nullopt}), {});
  EXPECT_EQ(d.outcome, ImportOutcome::kCreated);
  EXPECT_EQ(d.contact_id, "ann");
  EXPECT_EQ(d.field, "");
}

TEST(ClassifyImportRowTest, AnEmailHeldByAContactUpdatesIt) {
  ImportDecision d =
      ClassifyImportRow("acme", Matches("", false, {std::nullopt, std::string("bob")}), {});
  EXPECT_EQ(d.outcome, ImportOutcome::kUpdated);
  EXPECT_EQ(d.contact_id, "bob");
  EXPECT_EQ(d.field, "contact.emails[1]");
}

TEST(ClassifyImportRowTest, AnExistingIdUpdatesThatContact) {
  ImportDecision d = ClassifyImportRow("acme", Matches("bob", true, {std::string("bob")}), {});
  EXPECT_EQ(d.outcome, ImportOutcome::kUpdated);
  EXPECT_EQ(d.contact_id, "bob");
  EXPECT_EQ(d.field, "contact_id");
}

TEST(ClassifyImportRowTest, AContactTouchedEarlierInTheBatchMakesADuplicate) {
  TouchedContacts touched = {{"ann", 2}};
  ImportDecision by_email =
      ClassifyImportRow("acme", Matches("", false, {std::string("ann")}), touched);
  EXPECT_EQ(by_email.outcome, ImportOutcome::kDuplicate);
  EXPECT_EQ(by_email.contact_id, "ann");
  EXPECT_EQ(by_email.field, "contact.emails[0]");
  EXPECT_EQ(by_email.message, "same contact as row 2");
  ImportDecision by_id = ClassifyImportRow("acme", Matches("ann", true, {}), touched);
  EXPECT_EQ(by_id.outcome, ImportOutcome::kDuplicate);
  EXPECT_EQ(by_id.field, "contact_id");
}

TEST(ClassifyImportRowTest, EmailsOfTwoContactsAreAnErrorNamingTheSecond) {
  ImportDecision d = ClassifyImportRow(
      "acme", Matches("", false, {std::string("ann"), std::nullopt, std::string("bob")}), {});
  EXPECT_EQ(d.outcome, ImportOutcome::kError);
  EXPECT_EQ(d.field, "contact.emails[2]");
  EXPECT_EQ(d.message,
            "belongs to firms/acme/contacts/bob but contact.emails[0] matches "
            "firms/acme/contacts/ann");
}

TEST(ClassifyImportRowTest, AnIdAndAnEmailOfDifferentContactsAreAnError) {
  ImportDecision d = ClassifyImportRow("acme", Matches("ann", true, {std::string("bob")}), {});
  EXPECT_EQ(d.outcome, ImportOutcome::kError);
  EXPECT_EQ(d.field, "contact.emails[0]");
  ImportDecision fresh_id =
      ClassifyImportRow("acme", Matches("new-one", false, {std::string("bob")}), {});
  EXPECT_EQ(fresh_id.outcome, ImportOutcome::kError);
  EXPECT_EQ(fresh_id.field, "contact_id");
}

TEST(EventTagTest, SpacesAreTrimmedAndCollapsed) {
  EXPECT_EQ(*EventTag("  Fintech   Summit\t2024 "), "Fintech Summit 2024");
  EXPECT_EQ(*EventTag(""), "");
  EXPECT_EQ(*EventTag("   "), "");
}

TEST(EventTagTest, ANameLongerThanATagIsRefusedNamingTheField) {
  absl::StatusOr<std::string> tag = EventTag(std::string(65, 'x'));
  ASSERT_FALSE(tag.ok());
  EXPECT_EQ(tag.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(tag.status().message().substr(0, 12), "event_name: ");
  EXPECT_TRUE(EventTag(std::string(64, 'x')).ok());
  EXPECT_FALSE(EventTag("bad\x01name").ok());
}

TEST(AddTagTest, AddsOnceAndNeverAnEmptyTag) {
  std::vector<std::string> tags = {"vc"};
  AddTag("summit", tags);
  AddTag("summit", tags);
  AddTag("", tags);
  EXPECT_EQ(tags, (std::vector<std::string>{"vc", "summit"}));
}

TEST(MergeImportedRowTest, FillsAndAddsButNeverBlanksOut) {
  Contact target;
  target.display_name = "Ann Lee";
  target.title = "CFO";
  target.emails = {"ann@globex.com"};
  target.tags = {"fintech"};
  target.notes = "Prefers mornings.";
  Contact row;
  row.display_name = "A. Lee";
  row.organization = "Globex";
  row.emails = {"ANN@globex.com", "ann@home.test"};
  row.phones = {"+1 555 0100"};
  row.tags = {"fintech", "summit"};
  row.offers = {"intros to VCs"};
  row.needs = {"an auditor"};
  row.notes = "Met at the summit.";
  ASSERT_TRUE(MergeImportedRow(row, target).ok());
  EXPECT_EQ(target.display_name, "Ann Lee");
  EXPECT_EQ(target.organization, "Globex");
  EXPECT_EQ(target.title, "CFO");
  EXPECT_EQ(target.emails, (std::vector<std::string>{"ann@globex.com", "ann@home.test"}));
  EXPECT_EQ(target.phones, (std::vector<std::string>{"+1 555 0100"}));
  EXPECT_EQ(target.tags, (std::vector<std::string>{"fintech", "summit"}));
  EXPECT_EQ(target.offers, (std::vector<std::string>{"intros to VCs"}));
  EXPECT_EQ(target.needs, (std::vector<std::string>{"an auditor"}));
  EXPECT_EQ(target.notes, "Prefers mornings.\n\nMet at the summit.");
  // Importing the same row again changes nothing.
  Contact again = target;
  ASSERT_TRUE(MergeImportedRow(row, again).ok());
  EXPECT_EQ(again.notes, target.notes);
  EXPECT_EQ(again.emails, target.emails);
  EXPECT_EQ(again.tags, target.tags);
}

TEST(MergeImportedRowTest, TooManyEntriesAfterTheMergeNameTheList) {
  Contact target;
  for (int i = 0; i < 50; ++i) target.tags.push_back("tag" + std::to_string(i));
  Contact row;
  row.tags = {"one-more"};
  absl::Status status = MergeImportedRow(row, target);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(status.message().substr(0, 14), "contact.tags: ");
}

TEST(CheckImportTargetTest, ArchivedAndMergedContactsAreRefusedNamingTheMatch) {
  Contact archived;
  archived.firm_id = "acme";
  archived.id = "ann";
  archived.archived = true;
  absl::Status status = CheckImportTarget(archived, "contact.emails[0]");
  EXPECT_EQ(status.message(),
            "contact.emails[0]: matches firms/acme/contacts/ann, which is archived");
  Contact merged = archived;
  merged.merged_into = "bob";
  EXPECT_EQ(CheckImportTarget(merged, "contact_id").message(),
            "contact_id: matches firms/acme/contacts/ann, which was merged into "
            "firms/acme/contacts/bob");
  archived.archived = false;
  EXPECT_TRUE(CheckImportTarget(archived, "contact_id").ok());
}

TEST(SplitFieldErrorTest, SplitsTheFieldFromTheProblem) {
  std::string field;
  std::string message;
  SplitFieldError(absl::InvalidArgumentError("contact.emails[1]: \"x\" is not valid"), &field,
                  &message);
  EXPECT_EQ(field, "contact.emails[1]");
  EXPECT_EQ(message, "\"x\" is not valid");
  SplitFieldError(absl::InvalidArgumentError("no field here: really"), &field, &message);
  EXPECT_EQ(field, "");
  EXPECT_EQ(message, "no field here: really");
}

}  // namespace
}  // namespace refnet::contacts
