// NetworkService against a real server, on one hand-built network whose
// answers are worked out by hand:
//
//   alice knows ada (5), grace (2), barbara (3); bob knows ken (4); all
//   touched ten days before `as_of`. Connections: ada–linus, linus–ken,
//   grace–ken, ada–barbara, ada–dennis. ken and dennis work at Globex.
//   Favours: alice→ada 100, grace→alice 200, ada→linus 40, linus→bob 30,
//   ada→barbara 20, barbara→alice 50.
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "refnet/v1/ledger_service.grpc.pb.h"
#include "refnet/v1/network_service.grpc.pb.h"
#include "tests/integration/support/refnet_fixture.h"

namespace refnet::testing {
namespace {

namespace v1 = ::refnet::v1;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr int64_t kAsOf = 1790000000;  // 2026-09-21
constexpr int64_t kDay = 86400;

class NetworkTest : public RefnetTest {
 protected:
  void SetUp() override {
    network_ = v1::NetworkService::NewStub(server().channel());
    ledger_ = v1::LedgerService::NewStub(server().channel());
  }

  void TearDown() override {
    for (const TestFirm& firm : firms_) ExpectLedgerSound(firm);
  }

  // The network described at the top of this file.
  TestFirm Network() {
    firms_.push_back(NewFirm());
    const TestFirm& firm = firms_.back();
    Contact(firm, "ada", "Ada Lovelace", "Analytical", {"seed funding for fintech"}, {});
    Contact(firm, "grace", "Grace Hopper", "Navy", {}, {"funding for a fintech"});
    Contact(firm, "barbara", "Barbara Liskov", "MIT", {}, {"fintech seed investors"});
    Contact(firm, "linus", "Linus Torvalds", "Kernel", {}, {});
    Contact(firm, "ken", "Ken Thompson", "Globex", {}, {});
    Contact(firm, "dennis", "Dennis Ritchie", "GLOBEX", {}, {});
    Knows(firm, "alice", "ada", 5);
    Knows(firm, "alice", "grace", 2);
    Knows(firm, "alice", "barbara", 3);
    Knows(firm, "bob", "ken", 4);
    Connect(firm, "ada", "linus");
    Connect(firm, "linus", "ken");
    Connect(firm, "grace", "ken");
    Connect(firm, "ada", "barbara");
    Connect(firm, "ada", "dennis");
    Give(firm, firm.Member("alice"), firm.Contact("ada"), 100);
    Give(firm, firm.Contact("grace"), firm.Member("alice"), 200);
    Give(firm, firm.Contact("ada"), firm.Contact("linus"), 40);
    Give(firm, firm.Contact("linus"), firm.Member("bob"), 30);
    Give(firm, firm.Contact("ada"), firm.Contact("barbara"), 20);
    Give(firm, firm.Contact("barbara"), firm.Member("alice"), 50);
    return firm;
  }

  static void Contact(const TestFirm& firm, const std::string& id, const std::string& name,
                      const std::string& organization, const std::vector<std::string>& offers,
                      const std::vector<std::string>& needs) {
    v1::CreateContactRequest request;
    request.set_parent(firm.name);
    request.set_contact_id(id);
    request.mutable_contact()->set_display_name(name);
    request.mutable_contact()->set_organization(organization);
    for (const std::string& o : offers) request.mutable_contact()->add_offers(o);
    for (const std::string& n : needs) request.mutable_contact()->add_needs(n);
    grpc::Status status = TryCreateContact(firm.admin_token, request);
    ASSERT_TRUE(status.ok()) << status.error_message();
  }

  static void Knows(const TestFirm& firm, const std::string& member, const std::string& contact,
                    int strength) {
    v1::SetRelationshipRequest r;
    r.set_parent(firm.name);
    r.mutable_relationship()->set_member(firm.Member(member));
    r.mutable_relationship()->set_contact(firm.Contact(contact));
    r.mutable_relationship()->set_strength(strength);
    v1::Relationship relationship;
    grpc::Status status =
        contacts().SetRelationship(Authed(firm.admin_token).get(), r, &relationship);
    ASSERT_TRUE(status.ok()) << status.error_message();
    v1::LogInteractionRequest log;
    log.set_parent(firm.name);
    log.mutable_interaction()->set_member(firm.Member(member));
    log.mutable_interaction()->set_contact(firm.Contact(contact));
    log.mutable_interaction()->set_kind(v1::INTERACTION_KIND_MEETING);
    log.mutable_interaction()->mutable_occurred_at()->set_seconds(kAsOf - 10 * kDay);
    v1::Interaction interaction;
    status = contacts().LogInteraction(Authed(firm.admin_token).get(), log, &interaction);
    ASSERT_TRUE(status.ok()) << status.error_message();
  }

  static void Connect(const TestFirm& firm, const std::string& a, const std::string& b) {
    v1::ConnectContactsRequest r;
    r.set_parent(firm.name);
    r.set_contact(firm.Contact(a));
    r.set_other(firm.Contact(b));
    v1::Connection connection;
    grpc::Status status =
        contacts().ConnectContacts(Authed(firm.admin_token).get(), r, &connection);
    ASSERT_TRUE(status.ok()) << status.error_message();
  }

  void Give(const TestFirm& firm, const std::string& giver, const std::string& receiver,
            int64_t points) {
    v1::RecordFavourRequest r;
    r.set_parent(firm.name);
    r.set_request_id(NewRequestId());
    r.mutable_favour()->set_giver(giver);
    r.mutable_favour()->set_receiver(receiver);
    r.mutable_favour()->set_kind(v1::FAVOUR_KIND_ADVICE);
    r.mutable_favour()->set_value_points(points);
    v1::Favour favour;
    grpc::Status status = ledger_->RecordFavour(Authed(firm.admin_token).get(), r, &favour);
    ASSERT_TRUE(status.ok()) << status.error_message();
  }

  v1::FindIntroPathsRequest PathsTo(const TestFirm& firm, const std::string& contact) {
    v1::FindIntroPathsRequest r;
    r.set_parent(firm.name);
    r.set_target_contact(firm.Contact(contact));
    r.mutable_as_of()->set_seconds(kAsOf);
    return r;
  }

  grpc::Status Paths(const std::string& token, const v1::FindIntroPathsRequest& request,
                     v1::FindIntroPathsResponse* out) {
    return network_->FindIntroPaths(Authed(token).get(), request, out);
  }

  v1::FindIntroPathsResponse MustPaths(const std::string& token,
                                       const v1::FindIntroPathsRequest& request) {
    v1::FindIntroPathsResponse out;
    grpc::Status status = Paths(token, request, &out);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return out;
  }

  // A path as "party>party>…" with short names, for exact comparisons.
  static std::string Route(const TestFirm& firm, const v1::IntroPath& path) {
    std::string text;
    for (const v1::IntroHop& hop : path.hops()) {
      if (text.empty()) text = hop.from().substr(firm.name.size() + 1);
      text += ">" + hop.to().substr(firm.name.size() + 1);
    }
    return text;
  }

  std::unique_ptr<v1::NetworkService::Stub> network_;
  std::unique_ptr<v1::LedgerService::Stub> ledger_;
  std::vector<TestFirm> firms_;
};

TEST_F(NetworkTest, PathsToAContactAreRankedByStrengthRecencyAndReciprocity) {
  TestFirm firm = Network();
  v1::FindIntroPathsResponse found = MustPaths(firm.alice_token, PathsTo(firm, "ken"));
  ASSERT_EQ(found.paths_size(), 4);
  // bob is a colleague (0.9) who knows ken (4/5): 0.72.
  EXPECT_EQ(Route(firm, found.paths(0)), "members/alice>members/bob>contacts/ken");
  EXPECT_NEAR(found.paths(0).score(), 0.72, 1e-9);
  // ada (5/5, owes the firm 100: ×1.25), linus (connection 0.6; gave the
  // firm 30 and got nothing from it: ×0.925), ken (0.6).
  EXPECT_EQ(Route(firm, found.paths(1)), "members/alice>contacts/ada>contacts/linus>contacts/ken");
  EXPECT_NEAR(found.paths(1).score(), 1.25 * 0.6 * (1 - 0.5 * 30 / 200.0) * 0.6, 1e-9);
  // Four hops: barbara (3/5, gave the firm 50: ×0.875), then ada, linus, ken.
  EXPECT_EQ(Route(firm, found.paths(2)),
            "members/alice>contacts/barbara>contacts/ada>contacts/linus>contacts/ken");
  EXPECT_NEAR(found.paths(2).score(), 0.6 * 0.875 * 0.6 * 1.25 * 0.6 * 0.925 * 0.6, 1e-9);
  // grace (2/5) gave the firm 200: leaned on, ×0.5; then ken (0.6). Short,
  // but colder than the long way round.
  EXPECT_EQ(Route(firm, found.paths(3)), "members/alice>contacts/grace>contacts/ken");
  EXPECT_NEAR(found.paths(3).score(), 0.4 * 0.5 * 0.6, 1e-9);

  const v1::IntroPath& via_ada = found.paths(1);
  EXPECT_EQ(via_ada.target(), firm.Contact("ken"));
  EXPECT_EQ(via_ada.hops(0).kind(), v1::IntroHop::KIND_RELATIONSHIP);
  EXPECT_EQ(via_ada.hops(0).resource(), firm.Member("alice") + "/relationships/ada");
  EXPECT_EQ(via_ada.hops(0).strength(), 5);
  EXPECT_EQ(via_ada.hops(0).last_touch_time().seconds(), kAsOf - 10 * kDay);
  EXPECT_EQ(via_ada.hops(0).balance_points(), 100);
  EXPECT_THAT(via_ada.hops(0).reason(), HasSubstr("you know Ada Lovelace (strength 5"));
  EXPECT_THAT(via_ada.hops(0).reason(), HasSubstr("owes the firm 100 points"));
  EXPECT_EQ(via_ada.hops(1).kind(), v1::IntroHop::KIND_CONNECTION);
  EXPECT_THAT(via_ada.hops(1).resource(), HasSubstr(firm.name + "/connections/"));
  EXPECT_THAT(via_ada.hops(1).reason(), HasSubstr("Ada Lovelace knows Linus Torvalds"));
  EXPECT_EQ(found.paths(0).hops(0).kind(), v1::IntroHop::KIND_COLLEAGUE);
  EXPECT_EQ(found.paths(0).hops(0).resource(), firm.Member("bob"));
}

TEST_F(NetworkTest, FewerHopsAndFewerPathsWhenAsked) {
  TestFirm firm = Network();
  v1::FindIntroPathsRequest request = PathsTo(firm, "ken");
  request.set_max_hops(2);
  v1::FindIntroPathsResponse found = MustPaths(firm.alice_token, request);
  ASSERT_EQ(found.paths_size(), 2);
  EXPECT_EQ(Route(firm, found.paths(0)), "members/alice>members/bob>contacts/ken");
  EXPECT_EQ(Route(firm, found.paths(1)), "members/alice>contacts/grace>contacts/ken");
  request.set_max_hops(4);
  request.set_max_paths(1);
  found = MustPaths(firm.alice_token, request);
  ASSERT_EQ(found.paths_size(), 1);
  EXPECT_EQ(Route(firm, found.paths(0)), "members/alice>members/bob>contacts/ken");
  // Someone one already knows is one hop away.
  found = MustPaths(firm.alice_token, PathsTo(firm, "ada"));
  ASSERT_GE(found.paths_size(), 1);
  EXPECT_EQ(Route(firm, found.paths(0)), "members/alice>contacts/ada");
  EXPECT_NEAR(found.paths(0).score(), 1.0, 1e-9);
}

TEST_F(NetworkTest, PathsToAnOrganizationReachAnyoneThere) {
  TestFirm firm = Network();
  v1::FindIntroPathsRequest request;
  request.set_parent(firm.name);
  request.set_target_organization("globex");
  request.mutable_as_of()->set_seconds(kAsOf);
  v1::FindIntroPathsResponse found = MustPaths(firm.alice_token, request);
  ASSERT_GE(found.paths_size(), 2);
  // ada owes the firm (×1.25) and knows dennis: 1.25 × 0.6 = 0.75.
  EXPECT_EQ(Route(firm, found.paths(0)), "members/alice>contacts/ada>contacts/dennis");
  EXPECT_EQ(found.paths(0).target(), firm.Contact("dennis"));
  EXPECT_NEAR(found.paths(0).score(), 0.75, 1e-9);
  EXPECT_EQ(Route(firm, found.paths(1)), "members/alice>members/bob>contacts/ken");
  // From bob's side, he knows ken himself.
  request.set_from(firm.Member("bob"));
  found = MustPaths(firm.alice_token, request);
  ASSERT_GE(found.paths_size(), 1);
  EXPECT_EQ(Route(firm, found.paths(0)), "members/bob>contacts/ken");
}

TEST_F(NetworkTest, ArchivedIntroducersAndInactiveColleaguesAreSkipped) {
  TestFirm firm = Network();
  v1::DeleteContactRequest remove;
  remove.set_name(firm.Contact("linus"));
  v1::Contact archived;
  ASSERT_TRUE(contacts().DeleteContact(Authed(firm.admin_token).get(), remove, &archived).ok());
  v1::UpdateMemberRequest deactivate;
  deactivate.mutable_member()->set_name(firm.Member("bob"));
  deactivate.mutable_member()->set_active(false);
  deactivate.mutable_update_mask()->add_paths("active");
  v1::Member bob;
  grpc::Status status = admin().UpdateMember(Authed(firm.admin_token).get(), deactivate, &bob);
  ASSERT_TRUE(status.ok()) << status.error_message();
  v1::FindIntroPathsResponse found = MustPaths(firm.alice_token, PathsTo(firm, "ken"));
  ASSERT_EQ(found.paths_size(), 1);
  EXPECT_EQ(Route(firm, found.paths(0)), "members/alice>contacts/grace>contacts/ken");
  // An archived target is refused.
  remove.set_name(firm.Contact("ken"));
  ASSERT_TRUE(contacts().DeleteContact(Authed(firm.admin_token).get(), remove, &archived).ok());
  v1::FindIntroPathsResponse none;
  EXPECT_STATUS(Paths(firm.alice_token, PathsTo(firm, "ken"), &none), FAILED_PRECONDITION,
                "target_contact");
}

TEST_F(NetworkTest, BadPathRequestsNameTheField) {
  TestFirm firm = Network();
  TestFirm other = NewFirm();
  v1::FindIntroPathsResponse out;
  v1::FindIntroPathsRequest request = PathsTo(firm, "ken");
  request.clear_target_contact();
  EXPECT_STATUS(Paths(firm.alice_token, request, &out), INVALID_ARGUMENT, "target_contact");
  request = PathsTo(firm, "ken");
  request.set_max_hops(5);
  EXPECT_STATUS(Paths(firm.alice_token, request, &out), INVALID_ARGUMENT, "max_hops");
  request.set_max_hops(-1);
  EXPECT_STATUS(Paths(firm.alice_token, request, &out), INVALID_ARGUMENT, "max_hops");
  request = PathsTo(firm, "ken");
  request.set_max_paths(21);
  EXPECT_STATUS(Paths(firm.alice_token, request, &out), INVALID_ARGUMENT, "max_paths");
  request = PathsTo(firm, "ken");
  request.mutable_as_of()->set_nanos(-1);
  EXPECT_STATUS(Paths(firm.alice_token, request, &out), INVALID_ARGUMENT, "as_of");
  request = PathsTo(firm, "nobody");
  EXPECT_STATUS(Paths(firm.alice_token, request, &out), NOT_FOUND, "target_contact");
  request = PathsTo(firm, "ken");
  request.set_from(firm.Member("ghost"));
  EXPECT_STATUS(Paths(firm.alice_token, request, &out), NOT_FOUND, "from");
  request.set_from("members/alice");
  EXPECT_STATUS(Paths(firm.alice_token, request, &out), INVALID_ARGUMENT, "from");
  request = PathsTo(firm, "ken");
  request.set_target_organization("");
  EXPECT_STATUS(Paths(firm.alice_token, request, &out), INVALID_ARGUMENT, "target_organization");
  // Nobody at an organization: no paths, not an error.
  request.set_target_organization("Initech");
  ASSERT_TRUE(Paths(firm.alice_token, request, &out).ok());
  EXPECT_EQ(out.paths_size(), 0);
  // Another firm's names and parents.
  request = PathsTo(firm, "ken");
  request.set_target_contact(other.Contact("ken"));
  EXPECT_STATUS(Paths(firm.alice_token, request, &out), PERMISSION_DENIED, "target_contact");
  request = PathsTo(firm, "ken");
  request.set_from(other.Member("alice"));
  EXPECT_STATUS(Paths(firm.alice_token, request, &out), PERMISSION_DENIED, "from");
  EXPECT_EQ(Paths(other.alice_token, PathsTo(firm, "ken"), &out).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
}

TEST_F(NetworkTest, IntroductionsPairOffersWithNeedsNotYetConnected) {
  TestFirm firm = Network();
  v1::SuggestIntroductionsRequest request;
  request.set_parent(firm.name);
  v1::SuggestIntroductionsResponse found;
  grpc::Status status =
      network_->SuggestIntroductions(Authed(firm.alice_token).get(), request, &found);
  ASSERT_TRUE(status.ok()) << status.error_message();
  // ada offers seed funding for fintech; grace needs funding for a fintech.
  // barbara needs fintech seed investors too, but already knows ada.
  ASSERT_EQ(found.introductions_size(), 1);
  const v1::Introduction& intro = found.introductions(0);
  EXPECT_EQ(intro.offering(), firm.Contact("ada"));
  EXPECT_EQ(intro.needing(), firm.Contact("grace"));
  EXPECT_EQ(intro.introducer(), firm.Member("alice"));
  EXPECT_THAT(intro.shared_words(), ElementsAre("fintech", "funding"));
  EXPECT_EQ(intro.score(), 2 * (5 + 2));
  EXPECT_EQ(
      intro.reason(),
      "Ada Lovelace offers seed funding for fintech; Grace Hopper needs funding for a fintech");

  // Once alice records the introduction (a favour to ada, introducing
  // grace), the pair is done; voiding it brings the suggestion back.
  v1::RecordFavourRequest introduce;
  introduce.set_parent(firm.name);
  introduce.set_request_id(NewRequestId());
  introduce.mutable_favour()->set_giver(firm.Member("alice"));
  introduce.mutable_favour()->set_receiver(firm.Contact("ada"));
  introduce.mutable_favour()->set_kind(v1::FAVOUR_KIND_INTRODUCTION);
  introduce.mutable_favour()->set_introduced_party(firm.Contact("grace"));
  v1::Favour introduction;
  status = ledger_->RecordFavour(Authed(firm.alice_token).get(), introduce, &introduction);
  ASSERT_TRUE(status.ok()) << status.error_message();
  found.Clear();
  ASSERT_TRUE(network_->SuggestIntroductions(Authed(firm.alice_token).get(), request, &found).ok());
  EXPECT_EQ(found.introductions_size(), 0);
  v1::VoidFavourRequest void_request;
  void_request.set_name(introduction.name());
  void_request.set_reason("recorded by mistake");
  void_request.set_request_id(NewRequestId());
  v1::Favour reversal;
  status = ledger_->VoidFavour(Authed(firm.admin_token).get(), void_request, &reversal);
  ASSERT_TRUE(status.ok()) << status.error_message();
  found.Clear();
  ASSERT_TRUE(network_->SuggestIntroductions(Authed(firm.alice_token).get(), request, &found).ok());
  EXPECT_EQ(found.introductions_size(), 1);

  // bob knows none of them.
  request.set_member(firm.Member("bob"));
  found.Clear();
  ASSERT_TRUE(network_->SuggestIntroductions(Authed(firm.alice_token).get(), request, &found).ok());
  EXPECT_EQ(found.introductions_size(), 0);

  // The whole firm: admins and services only; alice knows both best.
  request.clear_member();
  request.set_whole_firm(true);
  EXPECT_STATUS(network_->SuggestIntroductions(Authed(firm.alice_token).get(), request, &found),
                PERMISSION_DENIED, "");
  found.Clear();
  ASSERT_TRUE(network_->SuggestIntroductions(Authed(firm.admin_token).get(), request, &found).ok());
  ASSERT_EQ(found.introductions_size(), 1);
  EXPECT_EQ(found.introductions(0).introducer(), firm.Member("alice"));
  request.set_page_size(-1);
  EXPECT_STATUS(network_->SuggestIntroductions(Authed(firm.admin_token).get(), request, &found),
                INVALID_ARGUMENT, "page_size");
}

TEST_F(NetworkTest, LoopsThroughTheFirmAreFoundAndCredited) {
  TestFirm firm = Network();
  v1::FindReciprocityLoopsRequest request;
  request.set_parent(firm.name);
  v1::FindReciprocityLoopsResponse found;
  grpc::Status status =
      network_->FindReciprocityLoops(Authed(firm.alice_token).get(), request, &found);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_EQ(found.loops_size(), 2);
  EXPECT_FALSE(found.truncated());
  // firm → ada 100 → linus 40 → firm 30; firm → ada 100 → barbara 20 → firm 50.
  EXPECT_THAT(found.loops(0).parties(),
              ElementsAre(firm.name, firm.Contact("ada"), firm.Contact("linus"), firm.name));
  EXPECT_THAT(found.loops(0).step_points(), ElementsAre(100, 40, 30));
  EXPECT_EQ(found.loops(0).credit_points(), 30);
  EXPECT_THAT(found.loops(1).parties(),
              ElementsAre(firm.name, firm.Contact("ada"), firm.Contact("barbara"), firm.name));
  EXPECT_THAT(found.loops(1).step_points(), ElementsAre(100, 20, 50));
  EXPECT_EQ(found.loops(1).credit_points(), 20);
  EXPECT_THAT(found.loops(0).reason(), HasSubstr("30 points came all the way round"));

  // Only loops that start with bob's giving: he gave nothing.
  request.set_member(firm.Member("bob"));
  found.Clear();
  ASSERT_TRUE(network_->FindReciprocityLoops(Authed(firm.alice_token).get(), request, &found).ok());
  EXPECT_EQ(found.loops_size(), 0);
  // A longer loop once barbara passes it on to linus.
  Give(firm, firm.Contact("barbara"), firm.Contact("linus"), 15);
  request.clear_member();
  found.Clear();
  ASSERT_TRUE(network_->FindReciprocityLoops(Authed(firm.alice_token).get(), request, &found).ok());
  ASSERT_EQ(found.loops_size(), 3);
  EXPECT_THAT(found.loops(2).parties(),
              ElementsAre(firm.name, firm.Contact("ada"), firm.Contact("barbara"),
                          firm.Contact("linus"), firm.name));
  EXPECT_EQ(found.loops(2).credit_points(), 15);
  request.set_max_length(3);
  found.Clear();
  ASSERT_TRUE(network_->FindReciprocityLoops(Authed(firm.alice_token).get(), request, &found).ok());
  EXPECT_EQ(found.loops_size(), 2);
  request.set_max_length(7);
  EXPECT_STATUS(network_->FindReciprocityLoops(Authed(firm.alice_token).get(), request, &found),
                INVALID_ARGUMENT, "max_length");
}

TEST_F(NetworkTest, NettingSettlesTheFirmInTheFewestMoves) {
  TestFirm firm = Network();
  v1::SuggestNettingRequest request;
  request.set_parent(firm.name);
  v1::SuggestNettingResponse netting;
  grpc::Status status = network_->SuggestNetting(Authed(firm.alice_token).get(), request, &netting);
  ASSERT_TRUE(status.ok()) << status.error_message();
  // Nets (given − received): firm −180, ada −40, linus −10, grace +200,
  // barbara +30. No group of them settles on its own, so four moves.
  EXPECT_TRUE(netting.netted());
  EXPECT_EQ(netting.raw_moves(), 6);
  ASSERT_EQ(netting.total_moves(), 4);
  ASSERT_EQ(netting.moves_size(), 4);
  auto move = [&](int i) {
    const v1::NettingMove& m = netting.moves(i);
    return m.from() + " " + std::to_string(m.points()) + " " + m.to();
  };
  EXPECT_EQ(move(0), firm.name + " 180 " + firm.Contact("grace"));
  EXPECT_EQ(move(1), firm.Contact("ada") + " 30 " + firm.Contact("barbara"));
  EXPECT_EQ(move(2), firm.Contact("ada") + " 10 " + firm.Contact("grace"));
  EXPECT_EQ(move(3), firm.Contact("linus") + " 10 " + firm.Contact("grace"));
  EXPECT_EQ(netting.total_points(), 230);
  request.set_page_size(2);
  netting.Clear();
  ASSERT_TRUE(network_->SuggestNetting(Authed(firm.alice_token).get(), request, &netting).ok());
  EXPECT_EQ(netting.moves_size(), 2);
  EXPECT_EQ(netting.total_moves(), 4);
  request.set_page_size(1001);
  EXPECT_STATUS(network_->SuggestNetting(Authed(firm.alice_token).get(), request, &netting),
                INVALID_ARGUMENT, "page_size");
}

TEST_F(NetworkTest, KeyPersonRiskShowsWhatOnlyOneMemberCouldCallIn) {
  TestFirm firm = Network();
  Give(firm, firm.Member("bob"), firm.Contact("ken"), 25);
  v1::GetKeyPersonRiskRequest request;
  request.set_parent(firm.name);
  v1::KeyPersonRisk risk;
  grpc::Status status = network_->GetKeyPersonRisk(Authed(firm.admin_token).get(), request, &risk);
  ASSERT_TRUE(status.ok()) << status.error_message();
  // ada owes the firm 100 and only alice knows her; ken owes 25, only bob.
  ASSERT_EQ(risk.members_size(), 2);
  EXPECT_EQ(risk.members(0).member(), firm.Member("alice"));
  EXPECT_EQ(risk.members(0).owed_points(), 100);
  EXPECT_EQ(risk.members(0).contact_count(), 1);
  EXPECT_EQ(risk.members(0).contacts(0).contact(), firm.Contact("ada"));
  EXPECT_EQ(risk.members(1).member(), firm.Member("bob"));
  EXPECT_EQ(risk.members(1).owed_points(), 25);
  EXPECT_EQ(risk.exposed_points(), 125);
  EXPECT_EQ(risk.owed_points(), 125);
  // Once bob knows ada too, she is no longer alice's alone.
  Knows(firm, "bob", "ada", 1);
  risk.Clear();
  ASSERT_TRUE(network_->GetKeyPersonRisk(Authed(firm.admin_token).get(), request, &risk).ok());
  ASSERT_EQ(risk.members_size(), 1);
  EXPECT_EQ(risk.members(0).member(), firm.Member("bob"));
  EXPECT_EQ(risk.exposed_points(), 25);
  EXPECT_EQ(risk.owed_points(), 125);
  // One member's own view.
  request.set_member(firm.Member("bob"));
  risk.Clear();
  ASSERT_TRUE(network_->GetKeyPersonRisk(Authed(firm.bob_token).get(), request, &risk).ok());
  ASSERT_EQ(risk.members_size(), 1);
  EXPECT_EQ(risk.members(0).contacts(0).contact(), firm.Contact("ken"));
  EXPECT_EQ(risk.owed_points(), 0);
  TestFirm other = NewFirm();
  EXPECT_EQ(
      network_->GetKeyPersonRisk(Authed(other.admin_token).get(), request, &risk).error_code(),
      grpc::StatusCode::PERMISSION_DENIED);
}

}  // namespace
}  // namespace refnet::testing
