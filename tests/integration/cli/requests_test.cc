// refnetctl turns flags into exactly the request fields, names and update
// masks the user asked for.
#include <string>
#include <vector>

#include "clients/refnetctl/admin_requests.h"
#include "clients/refnetctl/contact_requests.h"
#include "clients/refnetctl/exit_status.h"
#include "clients/refnetctl/graph_requests.h"
#include "clients/refnetctl/token_command.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace refnet::ctl {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

// Flags as `{"name", "value"}` pairs, then positional words.
ParsedArgs Args(std::vector<std::pair<std::string, std::string>> flags,
                std::vector<std::string> positional = {}) {
  ParsedArgs args;
  for (auto& [name, value] : flags) args.Add(name, value);
  args.positional = std::move(positional);
  return args;
}

GlobalOptions AcmeAlice() {
  GlobalOptions options;
  options.firm_id = "acme";
  options.caller_member_id = "alice";
  options.request_id = "6f1c2f7e-1111-4222-8333-444455556666";
  return options;
}

TEST(ContactRequestsTest, CreateMapsEveryFlagAndKeepsRepeats) {
  absl::StatusOr<v1::CreateContactRequest> request =
      BuildCreateContact(Args({{"display-name", "Ann Lee"},
                               {"org", "Globex"},
                               {"email", "a@globex.com"},
                               {"email", "b@x.com"},
                               {"tag", "fintech"},
                               {"offer", "intros to VCs"},
                               {"need", "CFO"},
                               {"id", "ann"}}),
                         AcmeAlice());
  ASSERT_TRUE(request.ok()) << request.status();
  EXPECT_EQ(request->parent(), "firms/acme");
  EXPECT_EQ(request->contact_id(), "ann");
  EXPECT_EQ(request->request_id(), "6f1c2f7e-1111-4222-8333-444455556666");
  const v1::Contact& contact = request->contact();
  EXPECT_EQ(contact.display_name(), "Ann Lee");
  EXPECT_EQ(contact.organization(), "Globex");
  EXPECT_THAT(contact.emails(), ElementsAre("a@globex.com", "b@x.com"));
  EXPECT_THAT(contact.tags(), ElementsAre("fintech"));
  EXPECT_THAT(contact.offers(), ElementsAre("intros to VCs"));
  EXPECT_THAT(contact.needs(), ElementsAre("CFO"));
}

TEST(ContactRequestsTest, IdAsWordAndAsFlagConflict) {
  absl::StatusOr<v1::CreateContactRequest> request =
      BuildCreateContact(Args({{"id", "ann"}}, {"ann"}), AcmeAlice());
  EXPECT_TRUE(IsUsageError(request.status()));
}

TEST(ContactRequestsTest, UpdateMaskNamesOnlyTheFlagsGiven) {
  absl::StatusOr<v1::UpdateContactRequest> request = BuildUpdateContact(
      Args({{"title", "CTO"}, {"tag", "ai"}, {"etag", "E1"}, {"clear", "phones"}}, {"ann"}),
      AcmeAlice());
  ASSERT_TRUE(request.ok()) << request.status();
  EXPECT_EQ(request->contact().name(), "firms/acme/contacts/ann");
  EXPECT_EQ(request->contact().title(), "CTO");
  EXPECT_THAT(request->contact().tags(), ElementsAre("ai"));
  EXPECT_EQ(request->contact().etag(), "E1");
  EXPECT_THAT(request->update_mask().paths(), ElementsAre("title", "tags", "phones"));
}

TEST(ContactRequestsTest, UpdateWithNothingToChangeIsAUsageError) {
  EXPECT_TRUE(IsUsageError(BuildUpdateContact(Args({}, {"ann"}), AcmeAlice()).status()));
  EXPECT_TRUE(IsUsageError(
      BuildUpdateContact(Args({{"tag", "x"}, {"clear", "tags"}}, {"ann"}), AcmeAlice()).status()));
  EXPECT_TRUE(
      IsUsageError(BuildUpdateContact(Args({{"clear", "etag"}}, {"ann"}), AcmeAlice()).status()));
}

TEST(ContactRequestsTest, ListExpandsKnownByAndCopiesFilters) {
  absl::StatusOr<v1::ListContactsRequest> request =
      BuildListContacts(Args({{"tag", "x"},
                              {"org", "y"},
                              {"known-by", "alice"},
                              {"query", "lee"},
                              {"show-archived", "true"},
                              {"page-size", "2"},
                              {"page-token", "T"}}),
                        AcmeAlice());
  ASSERT_TRUE(request.ok()) << request.status();
  EXPECT_EQ(request->parent(), "firms/acme");
  EXPECT_EQ(request->known_by(), "firms/acme/members/alice");
  EXPECT_EQ(request->tag(), "x");
  EXPECT_EQ(request->organization(), "y");
  EXPECT_EQ(request->query(), "lee");
  EXPECT_TRUE(request->show_archived());
  EXPECT_EQ(request->page_size(), 2);
  EXPECT_EQ(request->page_token(), "T");
}

TEST(ContactRequestsTest, MergeTakesSurvivorThenMerged) {
  absl::StatusOr<v1::MergeContactsRequest> request =
      BuildMergeContacts(Args({}, {"ann", "firms/acme/contacts/ann2"}), AcmeAlice());
  ASSERT_TRUE(request.ok());
  EXPECT_EQ(request->name(), "firms/acme/contacts/ann");
  EXPECT_EQ(request->merged(), "firms/acme/contacts/ann2");
}

TEST(ContactRequestsTest, NoFirmMeansNoShortIds) {
  GlobalOptions options = AcmeAlice();
  options.firm_id.clear();
  EXPECT_TRUE(IsUsageError(BuildGetContact(Args({}, {"ann"}), options).status()));
  EXPECT_TRUE(BuildGetContact(Args({}, {"firms/acme/contacts/ann"}), options).ok());
}

TEST(AdminRequestsTest, CreateMemberIsActiveWithItsRole) {
  absl::StatusOr<v1::CreateMemberRequest> request = BuildCreateMember(
      Args({{"display-name", "Alice"}, {"email", "alice@acme.com"}, {"role", "admin"}}, {"alice"}),
      AcmeAlice());
  ASSERT_TRUE(request.ok()) << request.status();
  EXPECT_EQ(request->parent(), "firms/acme");
  EXPECT_EQ(request->member_id(), "alice");
  EXPECT_EQ(request->member().role(), v1::ROLE_ADMIN);
  EXPECT_TRUE(request->member().active());
}

TEST(AdminRequestsTest, UpdateMemberMasksActiveEvenWhenFalse) {
  absl::StatusOr<v1::UpdateMemberRequest> request =
      BuildUpdateMember(Args({{"active", "false"}, {"role", "member"}}, {"bob"}), AcmeAlice());
  ASSERT_TRUE(request.ok()) << request.status();
  EXPECT_EQ(request->member().name(), "firms/acme/members/bob");
  EXPECT_FALSE(request->member().active());
  EXPECT_THAT(request->update_mask().paths(), ElementsAre("role", "active"));
}

TEST(AdminRequestsTest, FirmsTakeShortOrFullNames) {
  EXPECT_EQ(BuildCreateFirm(Args({{"display-name", "Acme"}}, {"acme"}), {})->firm_id(), "acme");
  EXPECT_TRUE(IsUsageError(BuildCreateFirm(Args({}), {}).status()));
  EXPECT_EQ(BuildGetFirm(Args({}, {"firms/acme"}), {})->name(), "firms/acme");
  EXPECT_EQ(BuildGetFirm(Args({}), AcmeAlice())->name(), "firms/acme");
}

TEST(GraphRequestsTest, RelationshipMemberDefaultsToTheCaller) {
  absl::StatusOr<v1::SetRelationshipRequest> request = BuildSetRelationship(
      Args({{"contact", "ann"}, {"strength", "4"}, {"key", "true"}}), AcmeAlice());
  ASSERT_TRUE(request.ok()) << request.status();
  EXPECT_EQ(request->relationship().member(), "firms/acme/members/alice");
  EXPECT_EQ(request->relationship().contact(), "firms/acme/contacts/ann");
  EXPECT_EQ(request->relationship().strength(), 4);
  EXPECT_TRUE(request->relationship().key());
}

TEST(GraphRequestsTest, InteractionKindAndTime) {
  absl::StatusOr<v1::LogInteractionRequest> request = BuildLogInteraction(
      Args({{"contact", "ann"}, {"kind", "meeting"}, {"occurred-at", "2024-05-01T09:30:00Z"}}),
      AcmeAlice());
  ASSERT_TRUE(request.ok()) << request.status();
  EXPECT_EQ(request->interaction().kind(), v1::INTERACTION_KIND_MEETING);
  EXPECT_EQ(request->interaction().occurred_at().seconds(), 1714555800);
  EXPECT_TRUE(IsUsageError(
      BuildLogInteraction(Args({{"occurred-at", "yesterday"}}), AcmeAlice()).status()));
  EXPECT_FALSE(BuildLogInteraction(Args({}), AcmeAlice())->interaction().has_occurred_at());
}

TEST(GraphRequestsTest, ConnectionsTakeTwoContacts) {
  absl::StatusOr<v1::ConnectContactsRequest> request =
      BuildConnectContacts(Args({{"note", "co-founders"}}, {"ann", "bob"}), AcmeAlice());
  ASSERT_TRUE(request.ok());
  EXPECT_EQ(request->contact(), "firms/acme/contacts/ann");
  EXPECT_EQ(request->other(), "firms/acme/contacts/bob");
  EXPECT_EQ(request->note(), "co-founders");
}

TEST(TokenArgsTest, PlatformAdminNamesNoFirm) {
  absl::Time now = absl::FromUnixSeconds(1700000000);
  absl::StatusOr<auth::TokenClaims> claims =
      TokenClaimsFromArgs(Args({{"role", "platform-admin"}}), now);
  ASSERT_TRUE(claims.ok());
  EXPECT_EQ(claims->principal.role, auth::Role::kPlatformAdmin);
  EXPECT_EQ(claims->expire_time, now + absl::Hours(1));
  EXPECT_TRUE(IsUsageError(
      TokenClaimsFromArgs(Args({{"role", "platform-admin"}, {"firm", "acme"}}), now).status()));
}

TEST(TokenArgsTest, FirmRolesNeedFirmAndMember) {
  absl::Time now = absl::FromUnixSeconds(1700000000);
  absl::StatusOr<auth::TokenClaims> claims = TokenClaimsFromArgs(
      Args({{"role", "member"}, {"firm", "acme"}, {"member", "alice"}, {"ttl", "7d"}}), now);
  ASSERT_TRUE(claims.ok());
  EXPECT_EQ(claims->principal.firm_id, "acme");
  EXPECT_EQ(claims->principal.member_id, "alice");
  EXPECT_EQ(claims->expire_time, now + absl::Hours(7 * 24));
  absl::Status missing =
      TokenClaimsFromArgs(Args({{"role", "admin"}, {"firm", "acme"}}), now).status();
  EXPECT_THAT(missing.message(), HasSubstr("--member"));
  EXPECT_TRUE(IsUsageError(TokenClaimsFromArgs(Args({{"role", "boss"}}), now).status()));
}

}  // namespace
}  // namespace refnet::ctl
