// Tokens over the wire: not-yet-valid and over-long tokens refused,
// AdminService.IssueToken for stored members only, and signing keys rotated
// in the key file while the server runs, with no token refused on the way.
#include <fstream>
#include <thread>

#include "gtest/gtest.h"
#include "tests/integration/support/refnet_fixture.h"

namespace refnet::testing {
namespace {

namespace v1 = ::refnet::v1;

class TokensTest : public RefnetTest {
 protected:
  static grpc::Status Issue(const std::string& token, const std::string& parent,
                            const std::string& member, int64_t ttl_s = 0,
                            v1::IssueTokenResponse* out = nullptr,
                            const std::string& request_id = "") {
    v1::IssueTokenRequest request;
    request.set_parent(parent);
    request.set_member(member);
    if (ttl_s != 0) request.mutable_ttl()->set_seconds(ttl_s);
    request.set_request_id(request_id);
    v1::IssueTokenResponse ignored;
    return admin().IssueToken(Authed(token).get(), request, out != nullptr ? out : &ignored);
  }

  static grpc::Status ListMembersWith(const TestFirm& firm, const std::string& token) {
    v1::ListMembersRequest request;
    request.set_parent(firm.name);
    v1::ListMembersResponse out;
    return admin().ListMembers(Authed(token).get(), request, &out);
  }

  static grpc::Status CheckLedgerWith(const TestFirm& firm, const std::string& token) {
    v1::CheckLedgerRequest request;
    request.set_parent(firm.name);
    v1::CheckLedgerResponse out;
    return admin().CheckLedger(Authed(token).get(), request, &out);
  }

  static std::string Sign(const auth::TokenClaims& claims) {
    return *auth::IssueToken(server().secret(), claims);
  }
};

TEST_F(TokensTest, ATokenThatIsNotValidYetIsUnauthenticated) {
  TestFirm firm = NewFirm();
  auth::TokenClaims claims{{auth::Role::kMember, firm.id, "alice"}, absl::Now() + absl::Hours(1)};
  claims.issue_time = absl::Now();
  claims.not_before = absl::Now() + absl::Minutes(10);
  EXPECT_STATUS(ListMembersWith(firm, Sign(claims)), UNAUTHENTICATED, "not valid yet");
  // Within the clock skew allowed it is fine.
  claims.not_before = absl::Now() + absl::Seconds(30);
  EXPECT_TRUE(ListMembersWith(firm, Sign(claims)).ok());
}

TEST_F(TokensTest, ATokenClaimingTooLongALifeIsUnauthenticated) {
  TestFirm firm = NewFirm();
  absl::Time now = absl::Now();
  auth::TokenClaims member{{auth::Role::kMember, firm.id, "alice"}, now + absl::Hours(48)};
  member.issue_time = now;
  EXPECT_STATUS(ListMembersWith(firm, Sign(member)), UNAUTHENTICATED, "longer than the 24h");
  auth::TokenClaims service{{auth::Role::kService, firm.id, "tool"}, now + absl::Hours(24 * 10)};
  service.issue_time = now;
  EXPECT_TRUE(ListMembersWith(firm, Sign(service)).ok());
}

TEST_F(TokensTest, AFirmAdminIssuesTokensThatCarryTheStoredRole) {
  TestFirm firm = NewFirm();
  v1::IssueTokenResponse issued;
  absl::Time before = absl::FromUnixSeconds(absl::ToUnixSeconds(absl::Now()));
  ASSERT_TRUE(Issue(firm.admin_token, firm.name, firm.Member("alice"), 2 * 3600, &issued).ok());
  EXPECT_EQ(issued.member(), firm.Member("alice"));
  EXPECT_EQ(issued.role(), v1::ROLE_MEMBER);
  EXPECT_EQ(issued.key_id(), "");  // the suite's server holds one bare secret
  EXPECT_GE(issued.issue_time().seconds(), absl::ToUnixSeconds(before));
  EXPECT_EQ(issued.expire_time().seconds() - issued.issue_time().seconds(), 2 * 3600);
  // It speaks for alice, a member: member reads work, admin work does not.
  EXPECT_TRUE(ListMembersWith(firm, issued.token()).ok());
  EXPECT_STATUS(CheckLedgerWith(firm, issued.token()), PERMISSION_DENIED, "role member");

  // Without a ttl: one hour.
  ASSERT_TRUE(Issue(firm.admin_token, firm.name, firm.Member("tool"), 0, &issued).ok());
  EXPECT_EQ(issued.role(), v1::ROLE_SERVICE);
  EXPECT_EQ(issued.expire_time().seconds() - issued.issue_time().seconds(), 3600);
  // An admin may renew its own token.
  ASSERT_TRUE(Issue(firm.admin_token, firm.name, firm.Member("boss"), 0, &issued).ok());
  EXPECT_TRUE(CheckLedgerWith(firm, issued.token()).ok());
}

TEST_F(TokensTest, TheTokenStopsWhenTheStoredRoleChanges) {
  TestFirm firm = NewFirm();
  v1::IssueTokenResponse issued;
  ASSERT_TRUE(Issue(firm.admin_token, firm.name, firm.Member("alice"), 0, &issued).ok());
  v1::UpdateMemberRequest update;
  update.mutable_member()->set_name(firm.Member("alice"));
  update.mutable_member()->set_role(v1::ROLE_SERVICE);
  update.mutable_update_mask()->add_paths("role");
  v1::Member updated;
  ASSERT_TRUE(admin().UpdateMember(Authed(firm.admin_token).get(), update, &updated).ok());
  EXPECT_STATUS(ListMembersWith(firm, issued.token()), UNAUTHENTICATED, "role has changed");
  // A new token carries the new role.
  ASSERT_TRUE(Issue(firm.admin_token, firm.name, firm.Member("alice"), 0, &issued).ok());
  EXPECT_EQ(issued.role(), v1::ROLE_SERVICE);
  EXPECT_TRUE(ListMembersWith(firm, issued.token()).ok());
}

TEST_F(TokensTest, LifetimesAreCappedByTheMembersRole) {
  TestFirm firm = NewFirm();
  EXPECT_TRUE(Issue(firm.admin_token, firm.name, firm.Member("tool"), 30 * 24 * 3600).ok());
  EXPECT_STATUS(Issue(firm.admin_token, firm.name, firm.Member("tool"), 30 * 24 * 3600 + 1),
                INVALID_ARGUMENT, "ttl: must be at most 720h");
  EXPECT_TRUE(Issue(firm.admin_token, firm.name, firm.Member("alice"), 24 * 3600).ok());
  EXPECT_STATUS(Issue(firm.admin_token, firm.name, firm.Member("alice"), 25 * 3600),
                INVALID_ARGUMENT, "ttl: must be at most 24h");
  EXPECT_STATUS(Issue(firm.admin_token, firm.name, firm.Member("alice"), -5), INVALID_ARGUMENT,
                "ttl");
  v1::IssueTokenRequest request;
  request.set_parent(firm.name);
  request.set_member(firm.Member("alice"));
  request.mutable_ttl()->set_seconds(60);
  request.mutable_ttl()->set_nanos(5);
  v1::IssueTokenResponse out;
  EXPECT_STATUS(admin().IssueToken(Authed(firm.admin_token).get(), request, &out), INVALID_ARGUMENT,
                "ttl: must be a whole number of seconds");
}

TEST_F(TokensTest, OnlyAdminsIssueAndOnlyPlatformAdminsForOtherAdmins) {
  TestFirm firm = NewFirm();
  AddMember(firm, "boss2", v1::ROLE_ADMIN);
  EXPECT_STATUS(Issue(firm.alice_token, firm.name, firm.Member("alice")), PERMISSION_DENIED,
                "may not issue tokens");
  EXPECT_STATUS(Issue(firm.service_token, firm.name, firm.Member("tool")), PERMISSION_DENIED,
                "may not issue tokens");
  EXPECT_STATUS(Issue(firm.admin_token, firm.name, firm.Member("boss2")), PERMISSION_DENIED,
                "another firm admin");
  std::string platform = server().PlatformAdminToken();
  v1::IssueTokenResponse issued;
  ASSERT_TRUE(Issue(platform, firm.name, firm.Member("boss2"), 0, &issued).ok());
  EXPECT_EQ(issued.role(), v1::ROLE_ADMIN);
  EXPECT_TRUE(CheckLedgerWith(firm, issued.token()).ok());
  EXPECT_STATUS(Issue(platform, firm.name, firm.Member("alice")), PERMISSION_DENIED,
                "firm admins only");
}

TEST_F(TokensTest, AnotherFirmsMembersAndBadNamesAreRefused) {
  TestFirm a = NewFirm();
  TestFirm b = NewFirm();
  EXPECT_STATUS(Issue(a.admin_token, b.name, b.Member("alice")), PERMISSION_DENIED, "parent");
  EXPECT_STATUS(Issue(a.admin_token, a.name, b.Member("alice")), PERMISSION_DENIED, "member");
  EXPECT_STATUS(Issue(a.admin_token, a.name, a.Member("ghost")), NOT_FOUND, "member");
  EXPECT_STATUS(Issue(a.admin_token, a.name, "alice"), INVALID_ARGUMENT, "member");
  EXPECT_STATUS(Issue(a.admin_token, "firms", a.Member("alice")), INVALID_ARGUMENT, "parent");
}

TEST_F(TokensTest, InactiveMembersGetNoToken) {
  TestFirm firm = NewFirm();
  v1::UpdateMemberRequest update;
  update.mutable_member()->set_name(firm.Member("bob"));
  update.mutable_member()->set_active(false);
  update.mutable_update_mask()->add_paths("active");
  v1::Member updated;
  ASSERT_TRUE(admin().UpdateMember(Authed(firm.admin_token).get(), update, &updated).ok());
  EXPECT_STATUS(Issue(firm.admin_token, firm.name, firm.Member("bob")), FAILED_PRECONDITION,
                "inactive");
}

TEST_F(TokensTest, ARetryWithTheSameRequestIdGetsTheSameToken) {
  TestFirm firm = NewFirm();
  std::string id = NewRequestId();
  v1::IssueTokenResponse first;
  v1::IssueTokenResponse again;
  ASSERT_TRUE(Issue(firm.admin_token, firm.name, firm.Member("alice"), 600, &first, id).ok());
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  ASSERT_TRUE(Issue(firm.admin_token, firm.name, firm.Member("alice"), 600, &again, id).ok());
  EXPECT_EQ(again.token(), first.token());
  EXPECT_EQ(again.expire_time().seconds(), first.expire_time().seconds());
  EXPECT_STATUS(Issue(firm.admin_token, firm.name, firm.Member("alice"), 900, nullptr, id),
                ALREADY_EXISTS, "");
}

TEST_F(TokensTest, AnotherCallerReusingTheRequestIdGetsNoToken) {
  TestFirm firm = NewFirm();
  std::string boss2 = AddMember(firm, "boss2", v1::ROLE_ADMIN);
  std::string id = NewRequestId();
  v1::IssueTokenResponse own;
  ASSERT_TRUE(Issue(firm.admin_token, firm.name, firm.Member("boss"), 600, &own, id).ok());
  // The same request from another admin, who may not speak for boss, or from
  // a platform admin, who sees no firm data: no replay of boss's token.
  v1::IssueTokenResponse stolen;
  EXPECT_STATUS(Issue(boss2, firm.name, firm.Member("boss"), 600, &stolen, id), ALREADY_EXISTS, "");
  EXPECT_TRUE(stolen.token().empty());
  EXPECT_STATUS(
      Issue(server().PlatformAdminToken(), firm.name, firm.Member("boss"), 600, &stolen, id),
      ALREADY_EXISTS, "");
  EXPECT_TRUE(stolen.token().empty());
}

// A server whose key file the test rewrites while it runs.
class KeyRotationTest : public ::testing::Test {
 protected:
  void WriteKeys(const std::string& text) {
    std::string path = server_.folder() + "/secret";
    std::ofstream(path + ".new") << text;
    ASSERT_EQ(std::rename((path + ".new").c_str(), path.c_str()), 0);
  }

  grpc::Status Call(const std::string& token) {
    v1::ListMembersRequest request;
    request.set_parent("firms/acme");
    v1::ListMembersResponse out;
    return admin_->ListMembers(Authed(token).get(), request, &out);
  }

  // Waits (a few seconds at most) until `token` gets `code`.
  void AwaitCode(const std::string& token, grpc::StatusCode code) {
    for (int i = 0; i < 100 && Call(token).error_code() != code; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    ASSERT_EQ(Call(token).error_code(), code) << server_.log();
  }

  v1::IssueTokenResponse IssueForBoss(const std::string& token) {
    v1::IssueTokenRequest request;
    request.set_parent("firms/acme");
    request.set_member("firms/acme/members/boss");
    v1::IssueTokenResponse issued;
    grpc::Status status = admin_->IssueToken(Authed(token).get(), request, &issued);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return issued;
  }

  ServerProcess server_;
  std::unique_ptr<v1::AdminService::Stub> admin_;
};

TEST_F(KeyRotationTest, KeysAreAddedPromotedAndRetiredWithNoTokenRefusedOnTheWay) {
  const std::string old_secret = server_.secret();
  const std::string new_secret(48, 'n');
  // The file the fixture wrote held a bare secret; it becomes keyed, with
  // the same secret as k1, so tokens from before keep working.
  WriteKeys("k1=" + old_secret + "\n");
  server_.Start({"--token-keys-reload-interval=50ms"});
  admin_ = v1::AdminService::NewStub(server_.channel());
  std::string legacy = server_.PlatformAdminToken();  // no kid
  v1::CreateFirmRequest create;
  create.set_firm_id("acme");
  create.mutable_firm()->set_display_name("Acme");
  v1::Firm firm;
  ASSERT_TRUE(admin_->CreateFirm(Authed(legacy).get(), create, &firm).ok());
  v1::CreateMemberRequest member;
  member.set_parent("firms/acme");
  member.set_member_id("boss");
  member.mutable_member()->set_display_name("Boss");
  member.mutable_member()->set_email("boss@acme.test");
  member.mutable_member()->set_role(v1::ROLE_ADMIN);
  v1::Member boss;
  ASSERT_TRUE(admin_->CreateMember(Authed(legacy).get(), member, &boss).ok());
  v1::IssueTokenResponse by_k1 = IssueForBoss(legacy);
  EXPECT_EQ(by_k1.key_id(), "k1");
  ASSERT_TRUE(Call(by_k1.token()).ok());

  // 1. The new key is added second: it verifies everywhere before anything
  // is signed with it.
  auth::TokenClaims claims{{auth::Role::kAdmin, "acme", "boss"}, absl::Now() + absl::Hours(1)};
  claims.issue_time = absl::Now();
  std::string by_k2 = *auth::IssueToken(auth::SigningKey{"k2", new_secret}, claims);
  EXPECT_EQ(Call(by_k2).error_code(), grpc::StatusCode::UNAUTHENTICATED);
  WriteKeys("k1=" + old_secret + "\nk2=" + new_secret + "\n");
  AwaitCode(by_k2, grpc::StatusCode::OK);
  EXPECT_TRUE(Call(by_k1.token()).ok());
  EXPECT_EQ(IssueForBoss(by_k1.token()).key_id(), "k1");

  // 2. Promoted: new tokens are signed with it; the old ones still verify.
  WriteKeys("k2=" + new_secret + "\nk1=" + old_secret + "\n");
  for (int i = 0; i < 100 && IssueForBoss(by_k1.token()).key_id() != "k2"; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  v1::IssueTokenResponse promoted = IssueForBoss(by_k1.token());
  EXPECT_EQ(promoted.key_id(), "k2");
  EXPECT_TRUE(Call(promoted.token()).ok());
  EXPECT_TRUE(Call(by_k1.token()).ok());
  EXPECT_TRUE(Call(legacy).ok());

  // 3. Retired: tokens of the old key, and the old bare secret's, stop.
  WriteKeys("k2=" + new_secret + "\n");
  AwaitCode(by_k1.token(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(Call(legacy).error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_TRUE(Call(promoted.token()).ok());

  // A broken file leaves the keys in use.
  WriteKeys("k3=short\n");
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  EXPECT_TRUE(Call(promoted.token()).ok());
  EXPECT_NE(server_.log().find("token keys not reloaded"), std::string::npos);
  admin_.reset();
  EXPECT_EQ(server_.Stop(), 0);
}

}  // namespace
}  // namespace refnet::testing
