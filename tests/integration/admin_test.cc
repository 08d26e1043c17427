// Firms and members through AdminService, against a real server.
#include <google/protobuf/util/message_differencer.h>

#include "tests/integration/support/refnet_fixture.h"

namespace refnet::testing {
namespace {

namespace v1 = ::refnet::v1;
using google::protobuf::util::MessageDifferencer;

class AdminTest : public RefnetTest {};

TEST_F(AdminTest, PlatformAdminCreatesGetsAndListsFirms) {
  std::string token = server().PlatformAdminToken();
  v1::CreateFirmRequest request;
  request.set_firm_id("acme-" + NewRequestId().substr(0, 8));
  request.mutable_firm()->set_display_name("Acme Advisory");
  v1::Firm firm;
  ASSERT_TRUE(admin().CreateFirm(Authed(token).get(), request, &firm).ok());
  EXPECT_EQ(firm.name(), "firms/" + request.firm_id());
  EXPECT_EQ(firm.display_name(), "Acme Advisory");
  EXPECT_FALSE(firm.etag().empty());

  v1::GetFirmRequest get;
  get.set_name(firm.name());
  v1::Firm got;
  ASSERT_TRUE(admin().GetFirm(Authed(token).get(), get, &got).ok());
  EXPECT_TRUE(MessageDifferencer::Equals(firm, got));

  v1::CreateFirmRequest again = request;
  EXPECT_STATUS(admin().CreateFirm(Authed(token).get(), again, &got), ALREADY_EXISTS, "firm_id");

  // Walk every page of firms; ours is there exactly once.
  int seen = 0;
  v1::ListFirmsRequest list;
  list.set_page_size(1);
  for (int pages = 0; pages < 1000; ++pages) {
    v1::ListFirmsResponse page;
    ASSERT_TRUE(admin().ListFirms(Authed(token).get(), list, &page).ok());
    ASSERT_LE(page.firms_size(), 1);
    for (const auto& f : page.firms()) seen += f.name() == firm.name() ? 1 : 0;
    if (page.next_page_token().empty()) break;
    list.set_page_token(page.next_page_token());
  }
  EXPECT_EQ(seen, 1);
}

TEST_F(AdminTest, FirmRpcsAreForPlatformAdminsOnly) {
  TestFirm firm = NewFirm();
  v1::Firm out;
  v1::CreateFirmRequest create;
  create.set_firm_id("sneaky");
  create.mutable_firm()->set_display_name("Sneaky");
  for (const std::string& token : {firm.admin_token, firm.alice_token, firm.service_token}) {
    EXPECT_STATUS(admin().CreateFirm(Authed(token).get(), create, &out), PERMISSION_DENIED,
                  "platform admins");
    v1::GetFirmRequest get;
    get.set_name(firm.name);
    EXPECT_STATUS(admin().GetFirm(Authed(token).get(), get, &out), PERMISSION_DENIED,
                  "platform admins");
    v1::ListFirmsResponse list;
    EXPECT_STATUS(admin().ListFirms(Authed(token).get(), {}, &list), PERMISSION_DENIED,
                  "platform admins");
  }
}

TEST_F(AdminTest, BadFirmInputNamesTheField) {
  std::string token = server().PlatformAdminToken();
  v1::Firm out;
  v1::CreateFirmRequest request;
  request.mutable_firm()->set_display_name("X");
  for (const std::string& bad :
       std::vector<std::string>{"", "A", "1abc", "has space", "ends-", std::string(64, 'a')}) {
    request.set_firm_id(bad);
    EXPECT_STATUS(admin().CreateFirm(Authed(token).get(), request, &out), INVALID_ARGUMENT,
                  "firm_id");
  }
  request.set_firm_id("fine-id");
  request.mutable_firm()->set_display_name("   ");
  EXPECT_STATUS(admin().CreateFirm(Authed(token).get(), request, &out), INVALID_ARGUMENT,
                "firm.display_name");
  request.mutable_firm()->set_display_name(std::string(201, 'x'));
  EXPECT_STATUS(admin().CreateFirm(Authed(token).get(), request, &out), INVALID_ARGUMENT,
                "firm.display_name");
  v1::GetFirmRequest get;
  get.set_name("firms/fine-id/contacts/x");
  EXPECT_STATUS(admin().GetFirm(Authed(token).get(), get, &out), INVALID_ARGUMENT, "name");
  get.set_name("firms/fine-id");
  EXPECT_STATUS(admin().GetFirm(Authed(token).get(), get, &out), NOT_FOUND,
                "name: firm firms/fine-id");
  v1::ListFirmsRequest list;
  list.set_page_size(-1);
  v1::ListFirmsResponse page;
  EXPECT_STATUS(admin().ListFirms(Authed(token).get(), list, &page), INVALID_ARGUMENT, "page_size");
  list.set_page_size(1);
  list.set_page_token("garbage!");
  EXPECT_STATUS(admin().ListFirms(Authed(token).get(), list, &page), INVALID_ARGUMENT,
                "page_token");
}

TEST_F(AdminTest, CreateFirmIsIdempotentByRequestId) {
  std::string token = server().PlatformAdminToken();
  v1::CreateFirmRequest request;
  request.set_firm_id("idem-" + NewRequestId().substr(0, 8));
  request.mutable_firm()->set_display_name("Idem");
  request.set_request_id(NewRequestId());
  v1::Firm first, second;
  ASSERT_TRUE(admin().CreateFirm(Authed(token).get(), request, &first).ok());
  ASSERT_TRUE(admin().CreateFirm(Authed(token).get(), request, &second).ok());
  EXPECT_TRUE(MessageDifferencer::Equals(first, second));
  request.mutable_firm()->set_display_name("Different body");
  EXPECT_STATUS(admin().CreateFirm(Authed(token).get(), request, &second), ALREADY_EXISTS,
                "request_id");
  request.set_request_id("not-a-uuid");
  EXPECT_STATUS(admin().CreateFirm(Authed(token).get(), request, &second), INVALID_ARGUMENT,
                "request_id");
}

TEST_F(AdminTest, AdminsManageMembersOfTheirOwnFirm) {
  TestFirm firm = NewFirm();
  v1::CreateMemberRequest request;
  request.set_parent(firm.name);
  request.set_member_id("carol");
  request.mutable_member()->set_display_name("Carol");
  request.mutable_member()->set_email("Carol@Example.com");
  request.mutable_member()->set_role(v1::ROLE_MEMBER);
  v1::Member carol;
  ASSERT_TRUE(admin().CreateMember(Authed(firm.admin_token).get(), request, &carol).ok());
  EXPECT_EQ(carol.name(), firm.Member("carol"));
  EXPECT_TRUE(carol.active());

  // Emails are unique per firm, case-insensitively.
  request.set_member_id("carol2");
  request.mutable_member()->set_email("carol@example.COM");
  v1::Member dup;
  EXPECT_STATUS(admin().CreateMember(Authed(firm.admin_token).get(), request, &dup), ALREADY_EXISTS,
                firm.Member("carol"));

  // Members may read their colleagues but not manage them.
  EXPECT_STATUS(admin().CreateMember(Authed(firm.alice_token).get(), request, &dup),
                PERMISSION_DENIED, "admins");
  v1::GetMemberRequest get;
  get.set_name(carol.name());
  v1::Member got;
  ASSERT_TRUE(admin().GetMember(Authed(firm.alice_token).get(), get, &got).ok());
  EXPECT_EQ(got.email(), "Carol@Example.com");

  v1::ListMembersRequest list;
  list.set_parent(firm.name);
  list.set_page_size(2);
  std::vector<std::string> names;
  for (int i = 0; i < 10; ++i) {
    v1::ListMembersResponse page;
    ASSERT_TRUE(admin().ListMembers(Authed(firm.alice_token).get(), list, &page).ok());
    for (const auto& m : page.members()) names.push_back(m.name());
    if (page.next_page_token().empty()) break;
    list.set_page_token(page.next_page_token());
  }
  EXPECT_EQ(names,
            (std::vector<std::string>{firm.Member("boss"), firm.Member("alice"), firm.Member("bob"),
                                      firm.Member("tool"), firm.Member("carol")}));
}

TEST_F(AdminTest, UpdateMemberHonoursMaskAndEtag) {
  TestFirm firm = NewFirm();
  v1::GetMemberRequest get;
  get.set_name(firm.Member("bob"));
  v1::Member bob;
  ASSERT_TRUE(admin().GetMember(Authed(firm.admin_token).get(), get, &bob).ok());

  v1::UpdateMemberRequest update;
  update.mutable_member()->set_name(bob.name());
  update.mutable_member()->set_role(v1::ROLE_ADMIN);
  update.mutable_member()->set_display_name("ignored: not in mask");
  update.mutable_member()->set_etag(bob.etag());
  update.mutable_update_mask()->add_paths("role");
  v1::Member updated;
  ASSERT_TRUE(admin().UpdateMember(Authed(firm.admin_token).get(), update, &updated).ok());
  EXPECT_EQ(updated.role(), v1::ROLE_ADMIN);
  EXPECT_EQ(updated.display_name(), bob.display_name());
  EXPECT_NE(updated.etag(), bob.etag());

  // The old etag is now stale.
  EXPECT_STATUS(admin().UpdateMember(Authed(firm.admin_token).get(), update, &updated), ABORTED,
                "etag");
  update.mutable_member()->clear_etag();
  update.mutable_update_mask()->set_paths(0, "create_time");
  EXPECT_STATUS(admin().UpdateMember(Authed(firm.admin_token).get(), update, &updated),
                INVALID_ARGUMENT, "update_mask");
  update.mutable_update_mask()->set_paths(0, "no_such_field");
  EXPECT_STATUS(admin().UpdateMember(Authed(firm.admin_token).get(), update, &updated),
                INVALID_ARGUMENT, "update_mask");
  update.mutable_update_mask()->set_paths(0, "role");
  update.mutable_member()->set_role(static_cast<v1::Role>(42));
  EXPECT_STATUS(admin().UpdateMember(Authed(firm.admin_token).get(), update, &updated),
                INVALID_ARGUMENT, "member.role");

  // Bob's member token was issued for the member role: refused now he is admin.
  v1::Member out;
  EXPECT_STATUS(admin().GetMember(Authed(firm.bob_token).get(), get, &out), UNAUTHENTICATED,
                "role");
}

TEST_F(AdminTest, DeactivatedMembersAreLockedOut) {
  TestFirm firm = NewFirm();
  // Alice's token works first, so the server has seen her as active.
  v1::GetMemberRequest before;
  before.set_name(firm.Member("alice"));
  v1::Member seen;
  ASSERT_TRUE(admin().GetMember(Authed(firm.alice_token).get(), before, &seen).ok());
  v1::UpdateMemberRequest update;
  update.mutable_member()->set_name(firm.Member("alice"));
  update.mutable_member()->set_active(false);
  update.mutable_update_mask()->add_paths("active");
  v1::Member alice;
  ASSERT_TRUE(admin().UpdateMember(Authed(firm.admin_token).get(), update, &alice).ok());
  EXPECT_FALSE(alice.active());
  v1::GetMemberRequest get;
  get.set_name(firm.Member("alice"));
  EXPECT_STATUS(admin().GetMember(Authed(firm.alice_token).get(), get, &alice), UNAUTHENTICATED,
                "inactive");
  v1::ListMembersRequest list;
  list.set_parent(firm.name);
  v1::ListMembersResponse page;
  ASSERT_TRUE(admin().ListMembers(Authed(firm.admin_token).get(), list, &page).ok());
  EXPECT_EQ(page.members_size(), 3);
  list.set_show_inactive(true);
  list.set_page_size(10);
  ASSERT_TRUE(admin().ListMembers(Authed(firm.admin_token).get(), list, &page).ok());
  EXPECT_EQ(page.members_size(), 4);
}

TEST_F(AdminTest, BadTokensAreUnauthenticated) {
  TestFirm firm = NewFirm();
  v1::GetMemberRequest get;
  get.set_name(firm.Member("alice"));
  v1::Member out;
  EXPECT_STATUS(admin().GetMember(Authed("").get(), get, &out), UNAUTHENTICATED, "authorization");
  EXPECT_STATUS(admin().GetMember(Authed("not.a.jwt").get(), get, &out), UNAUTHENTICATED, "token");
  std::string tampered = firm.alice_token;
  tampered.back() = tampered.back() == 'A' ? 'B' : 'A';
  EXPECT_STATUS(admin().GetMember(Authed(tampered).get(), get, &out), UNAUTHENTICATED, "token");
  auth::TokenClaims claims{{auth::Role::kMember, firm.id, "alice"}, absl::Now() + absl::Hours(1)};
  std::string other_secret = *auth::IssueToken(std::string(48, 'z'), claims);
  EXPECT_STATUS(admin().GetMember(Authed(other_secret).get(), get, &out), UNAUTHENTICATED,
                "signature");
  std::string expired = server().Token(firm.id, "alice", auth::Role::kMember, -absl::Minutes(1));
  EXPECT_STATUS(admin().GetMember(Authed(expired).get(), get, &out), UNAUTHENTICATED, "expired");
  std::string ghost = server().Token(firm.id, "ghost", auth::Role::kMember);
  EXPECT_STATUS(admin().GetMember(Authed(ghost).get(), get, &out), UNAUTHENTICATED,
                "does not exist");
}

TEST_F(AdminTest, PlatformAdminBootstrapsAFirmsFirstAdmin) {
  std::string token = server().PlatformAdminToken();
  TestFirm firm = NewFirm();
  v1::ListMembersRequest list;
  list.set_parent(firm.name);
  v1::ListMembersResponse page;
  ASSERT_TRUE(admin().ListMembers(Authed(token).get(), list, &page).ok());
  EXPECT_EQ(page.members_size(), 4);
  v1::ListMembersRequest missing;
  missing.set_parent("firms/no-such-firm");
  EXPECT_STATUS(admin().ListMembers(Authed(token).get(), missing, &page), NOT_FOUND,
                "parent: firm firms/no-such-firm");
  v1::GetMemberRequest get;
  get.set_name(firm.Member("nobody"));
  v1::Member member;
  EXPECT_STATUS(admin().GetMember(Authed(token).get(), get, &member), NOT_FOUND,
                "name: member " + firm.Member("nobody"));
}

}  // namespace
}  // namespace refnet::testing
