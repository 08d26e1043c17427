// Asks through AskService against a real server: posting within the budget
// earned by giving, listing, closing, helper suggestions with their reasons,
// routing under the weekly cap and fulfilling with a favour.
#include <functional>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "refnet/v1/ask_service.grpc.pb.h"
#include "refnet/v1/ledger_service.grpc.pb.h"
#include "tests/integration/support/refnet_fixture.h"

namespace refnet::testing {
namespace {

namespace v1 = ::refnet::v1;
using ::testing::ElementsAre;

class AsksTest : public RefnetTest {
 protected:
  void SetUp() override {
    asks_ = v1::AskService::NewStub(server().channel());
    ledger_ = v1::LedgerService::NewStub(server().channel());
  }

  // Asks never leave the ledger unbalanced.
  void TearDown() override {
    for (const TestFirm& firm : firms_) ExpectLedgerSound(firm);
  }

  TestFirm Firm() {
    firms_.push_back(NewFirm());
    return firms_.back();
  }

  static v1::CreateAskRequest AskRequest(const TestFirm& firm, const std::string& asker,
                                         const std::string& need,
                                         const std::vector<std::string>& tags = {}) {
    v1::CreateAskRequest request;
    request.set_parent(firm.name);
    request.mutable_ask()->set_asker(asker);
    request.mutable_ask()->set_need(need);
    for (const std::string& tag : tags) request.mutable_ask()->add_tags(tag);
    return request;
  }

  grpc::Status Create(const std::string& token, const v1::CreateAskRequest& request,
                      v1::Ask* out = nullptr) {
    v1::Ask ignored;
    return asks_->CreateAsk(Authed(token).get(), request, out != nullptr ? out : &ignored);
  }

  v1::Ask MustCreate(const TestFirm& firm, const std::string& asker, const std::string& need,
                     const std::vector<std::string>& tags = {}) {
    v1::Ask ask;
    grpc::Status status = Create(firm.admin_token, AskRequest(firm, asker, need, tags), &ask);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return ask;
  }

  grpc::Status Close(const std::string& token, const std::string& name, v1::Ask* out = nullptr) {
    v1::CloseAskRequest request;
    request.set_name(name);
    v1::Ask ignored;
    return asks_->CloseAsk(Authed(token).get(), request, out != nullptr ? out : &ignored);
  }

  grpc::Status Route(const std::string& token, const std::string& name, const std::string& helper,
                     v1::Ask* out = nullptr) {
    v1::RouteAskRequest request;
    request.set_name(name);
    request.set_helper(helper);
    request.set_request_id(NewRequestId());
    v1::Ask ignored;
    return asks_->RouteAsk(Authed(token).get(), request, out != nullptr ? out : &ignored);
  }

  static v1::FulfilAskRequest FulfilRequest(const std::string& name, const std::string& helper,
                                            int64_t points) {
    v1::FulfilAskRequest request;
    request.set_name(name);
    request.set_helper(helper);
    request.mutable_favour()->set_kind(v1::FAVOUR_KIND_INTRODUCTION);
    request.mutable_favour()->set_value_points(points);
    request.mutable_favour()->set_note("met the investor");
    request.set_request_id(NewRequestId());
    return request;
  }

  grpc::Status Fulfil(const std::string& token, const v1::FulfilAskRequest& request,
                      v1::Ask* out = nullptr) {
    v1::Ask ignored;
    return asks_->FulfilAsk(Authed(token).get(), request, out != nullptr ? out : &ignored);
  }

  v1::SuggestHelpersResponse Suggest(const TestFirm& firm, const std::string& name) {
    v1::SuggestHelpersRequest request;
    request.set_name(name);
    v1::SuggestHelpersResponse response;
    grpc::Status status = asks_->SuggestHelpers(Authed(firm.bob_token).get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response;
  }

  void Give(const TestFirm& firm, const std::string& giver, const std::string& receiver,
            int64_t points) {
    v1::RecordFavourRequest request;
    request.set_parent(firm.name);
    request.mutable_favour()->set_giver(giver);
    request.mutable_favour()->set_receiver(receiver);
    request.mutable_favour()->set_kind(v1::FAVOUR_KIND_ADVICE);
    request.mutable_favour()->set_value_points(points);
    v1::Favour favour;
    grpc::Status status = ledger_->RecordFavour(Authed(firm.admin_token).get(), request, &favour);
    ASSERT_TRUE(status.ok()) << status.error_message();
  }

  static void UpdateSettings(const TestFirm& firm, const std::string& path,
                             const std::function<void(v1::FirmSettings*)>& set) {
    v1::UpdateFirmSettingsRequest update;
    update.mutable_settings()->set_name(firm.name + "/settings");
    set(update.mutable_settings());
    update.mutable_update_mask()->add_paths(path);
    v1::FirmSettings updated;
    grpc::Status status =
        admin().UpdateFirmSettings(Authed(firm.admin_token).get(), update, &updated);
    ASSERT_TRUE(status.ok()) << status.error_message();
  }

  static v1::Contact AddContactWith(const TestFirm& firm, const std::string& id,
                                    const std::vector<std::string>& tags,
                                    const std::vector<std::string>& offers) {
    v1::CreateContactRequest request;
    request.set_parent(firm.name);
    request.set_contact_id(id);
    request.mutable_contact()->set_display_name("Contact " + id);
    for (const std::string& t : tags) request.mutable_contact()->add_tags(t);
    for (const std::string& o : offers) request.mutable_contact()->add_offers(o);
    v1::Contact contact;
    grpc::Status status = TryCreateContact(firm.admin_token, request, &contact);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return contact;
  }

  static void Know(const TestFirm& firm, const std::string& member, const std::string& contact,
                   int strength) {
    v1::SetRelationshipRequest request;
    request.set_parent(firm.name);
    request.mutable_relationship()->set_member(firm.Member(member));
    request.mutable_relationship()->set_contact(contact);
    request.mutable_relationship()->set_strength(strength);
    v1::Relationship out;
    grpc::Status status = contacts().SetRelationship(Authed(firm.admin_token).get(), request, &out);
    ASSERT_TRUE(status.ok()) << status.error_message();
  }

  static void Connect(const TestFirm& firm, const std::string& a, const std::string& b) {
    v1::ConnectContactsRequest request;
    request.set_parent(firm.name);
    request.set_contact(a);
    request.set_other(b);
    v1::Connection out;
    grpc::Status status = contacts().ConnectContacts(Authed(firm.admin_token).get(), request, &out);
    ASSERT_TRUE(status.ok()) << status.error_message();
  }

  std::unique_ptr<v1::AskService::Stub> asks_;
  std::unique_ptr<v1::LedgerService::Stub> ledger_;
  std::vector<TestFirm> firms_;
};

TEST_F(AsksTest, CreatedAskReadsBackOpenWithItsFields) {
  TestFirm firm = Firm();
  v1::CreateAskRequest request =
      AskRequest(firm, firm.Member("alice"), "An intro to a fintech investor",
                 {"fintech", "investors", "fintech"});
  request.mutable_ask()->mutable_due_time()->set_seconds(4102444800);  // 2100-01-01
  v1::Ask created;
  ASSERT_TRUE(Create(firm.alice_token, request, &created).ok());
  EXPECT_THAT(created.name(), ::testing::StartsWith(firm.name + "/asks/"));
  EXPECT_EQ(created.asker(), firm.Member("alice"));
  EXPECT_EQ(created.state(), v1::Ask::STATE_OPEN);
  EXPECT_THAT(created.tags(), ElementsAre("fintech", "investors")) << "duplicates dropped";
  EXPECT_EQ(created.due_time().seconds(), 4102444800);
  EXPECT_EQ(created.etag(), "W/\"1\"");
  v1::GetAskRequest get;
  get.set_name(created.name());
  v1::Ask got;
  ASSERT_TRUE(asks_->GetAsk(Authed(firm.bob_token).get(), get, &got).ok());
  EXPECT_EQ(got.SerializeAsString(), created.SerializeAsString());
  get.set_name(firm.name + "/asks/missing");
  EXPECT_STATUS(asks_->GetAsk(Authed(firm.bob_token).get(), get, &got), NOT_FOUND, "name");
}

TEST_F(AsksTest, ListFiltersByStateAskerAndTagAndPagesStably) {
  TestFirm firm = Firm();
  AddContact(firm, "ann", "Ann");
  std::string alice = firm.Member("alice"), ann = firm.Contact("ann");
  v1::Ask a1 = MustCreate(firm, alice, "first", {"law"});
  v1::Ask a2 = MustCreate(firm, ann, "second", {"law", "tax"});
  v1::Ask a3 = MustCreate(firm, ann, "third", {"tax"});
  ASSERT_TRUE(Close(firm.admin_token, a2.name()).ok());

  auto names = [&](v1::ListAsksRequest request) {
    request.set_parent(firm.name);
    v1::ListAsksResponse response;
    grpc::Status status = asks_->ListAsks(Authed(firm.bob_token).get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    std::vector<std::string> out;
    for (const v1::Ask& ask : response.asks()) out.push_back(ask.name());
    return out;
  };
  v1::ListAsksRequest all;
  EXPECT_THAT(names(all), ElementsAre(a1.name(), a2.name(), a3.name()));
  v1::ListAsksRequest open;
  open.set_state(v1::Ask::STATE_OPEN);
  EXPECT_THAT(names(open), ElementsAre(a1.name(), a3.name()));
  v1::ListAsksRequest by_ann;
  by_ann.set_asker(ann);
  EXPECT_THAT(names(by_ann), ElementsAre(a2.name(), a3.name()));
  v1::ListAsksRequest by_tag;
  by_tag.set_tag("law");
  EXPECT_THAT(names(by_tag), ElementsAre(a1.name(), a2.name()));
  by_tag.set_state(v1::Ask::STATE_CLOSED);
  EXPECT_THAT(names(by_tag), ElementsAre(a2.name()));

  v1::ListAsksRequest page;
  page.set_parent(firm.name);
  page.set_page_size(2);
  v1::ListAsksResponse first, second;
  ASSERT_TRUE(asks_->ListAsks(Authed(firm.bob_token).get(), page, &first).ok());
  ASSERT_EQ(first.asks_size(), 2);
  ASSERT_FALSE(first.next_page_token().empty());
  page.set_page_token(first.next_page_token());
  ASSERT_TRUE(asks_->ListAsks(Authed(firm.bob_token).get(), page, &second).ok());
  ASSERT_EQ(second.asks_size(), 1);
  EXPECT_EQ(second.asks(0).name(), a3.name());
  EXPECT_TRUE(second.next_page_token().empty());
  // A token is bound to its query.
  page.set_tag("law");
  EXPECT_STATUS(asks_->ListAsks(Authed(firm.bob_token).get(), page, &second), INVALID_ARGUMENT,
                "page_token");
}

TEST_F(AsksTest, BadInputNamesTheField) {
  TestFirm firm = Firm();
  std::string alice = firm.Member("alice");
  struct Case {
    std::function<void(v1::CreateAskRequest&)> mutate;
    grpc::StatusCode code;
    std::string field;
  };
  std::vector<Case> cases = {
      {[](auto& r) { r.set_parent("firms"); }, grpc::INVALID_ARGUMENT, "parent"},
      {[](auto& r) { r.mutable_ask()->clear_asker(); }, grpc::INVALID_ARGUMENT, "ask.asker"},
      {[](auto& r) { r.mutable_ask()->set_asker("firms/x/widgets/y"); }, grpc::INVALID_ARGUMENT,
       "ask.asker"},
      {[&](auto& r) { r.mutable_ask()->set_asker(firm.Contact("nobody")); }, grpc::NOT_FOUND,
       "ask.asker"},
      {[](auto& r) { r.mutable_ask()->set_need("   "); }, grpc::INVALID_ARGUMENT, "ask.need"},
      {[](auto& r) { r.mutable_ask()->set_need(std::string(2001, 'x')); }, grpc::INVALID_ARGUMENT,
       "ask.need"},
      {[](auto& r) { r.mutable_ask()->add_tags(""); }, grpc::INVALID_ARGUMENT, "ask.tags[0]"},
      {[](auto& r) { r.mutable_ask()->add_tags(std::string(65, 't')); }, grpc::INVALID_ARGUMENT,
       "ask.tags[0]"},
      {[](auto& r) {
         for (int i = 0; i < 51; ++i) r.mutable_ask()->add_tags("t" + std::to_string(i));
       },
       grpc::INVALID_ARGUMENT, "ask.tags"},
      {[](auto& r) { r.mutable_ask()->mutable_due_time()->set_nanos(-1); }, grpc::INVALID_ARGUMENT,
       "ask.due_time"},
      {[](auto& r) { r.mutable_ask()->mutable_due_time()->set_seconds(1000); },
       grpc::INVALID_ARGUMENT, "ask.due_time"},
      {[](auto& r) { r.set_request_id("not-a-uuid"); }, grpc::INVALID_ARGUMENT, "request_id"},
  };
  for (size_t i = 0; i < cases.size(); ++i) {
    v1::CreateAskRequest request = AskRequest(firm, alice, "a need");
    cases[i].mutate(request);
    grpc::Status status = Create(firm.admin_token, request);
    EXPECT_EQ(status.error_code(), cases[i].code) << "case " << i << ": " << status.error_message();
    EXPECT_THAT(status.error_message(), ::testing::StartsWith(cases[i].field)) << "case " << i;
  }
  v1::ListAsksRequest list;
  list.set_parent(firm.name);
  list.set_page_size(-1);
  v1::ListAsksResponse page;
  EXPECT_STATUS(asks_->ListAsks(Authed(firm.bob_token).get(), list, &page), INVALID_ARGUMENT,
                "page_size");
  list.set_page_size(0);
  list.set_state(static_cast<v1::Ask::State>(9));
  EXPECT_STATUS(asks_->ListAsks(Authed(firm.bob_token).get(), list, &page), INVALID_ARGUMENT,
                "state");
  v1::ListAsksRequest nobody;
  nobody.set_parent(firm.name);
  nobody.set_asker(firm.Contact("nobody"));
  EXPECT_STATUS(asks_->ListAsks(Authed(firm.bob_token).get(), nobody, &page), NOT_FOUND, "asker");
  v1::Ask ask = MustCreate(firm, alice, "help");
  EXPECT_STATUS(Route(firm.admin_token, ask.name(), "members/bob"), INVALID_ARGUMENT, "helper");
  EXPECT_STATUS(Route(firm.admin_token, ask.name(), alice), INVALID_ARGUMENT, "helper");
  EXPECT_STATUS(Route(firm.admin_token, ask.name(), firm.Contact("nobody")), NOT_FOUND, "helper");
  v1::FulfilAskRequest fulfil = FulfilRequest(ask.name(), firm.Member("bob"), 10);
  fulfil.mutable_favour()->set_kind(v1::FAVOUR_KIND_UNSPECIFIED);
  EXPECT_STATUS(Fulfil(firm.admin_token, fulfil), INVALID_ARGUMENT, "favour.kind");
  fulfil = FulfilRequest(ask.name(), firm.Member("bob"), 10);
  fulfil.mutable_favour()->set_giver(alice);
  EXPECT_STATUS(Fulfil(firm.admin_token, fulfil), INVALID_ARGUMENT, "favour.giver");
  fulfil = FulfilRequest(ask.name(), alice, 10);
  EXPECT_STATUS(Fulfil(firm.admin_token, fulfil), INVALID_ARGUMENT, "helper");
  fulfil = FulfilRequest(ask.name(), firm.Contact("nobody"), 10);
  EXPECT_STATUS(Fulfil(firm.admin_token, fulfil), NOT_FOUND, "helper");
  v1::SuggestHelpersRequest suggest;
  suggest.set_name(ask.name());
  suggest.set_page_size(-1);
  v1::SuggestHelpersResponse suggestions;
  EXPECT_STATUS(asks_->SuggestHelpers(Authed(firm.bob_token).get(), suggest, &suggestions),
                INVALID_ARGUMENT, "page_size");
  v1::GetAskRequest get;
  get.set_name(firm.name + "/favours/x");
  EXPECT_STATUS(asks_->GetAsk(Authed(firm.bob_token).get(), get, &ask), INVALID_ARGUMENT, "name");
}

TEST_F(AsksTest, MergedContactCannotAsk) {
  TestFirm firm = Firm();
  AddContact(firm, "ann", "Ann");
  AddContact(firm, "ann2", "Ann again");
  v1::MergeContactsRequest merge;
  merge.set_name(firm.Contact("ann"));
  merge.set_merged(firm.Contact("ann2"));
  v1::Contact survivor;
  ASSERT_TRUE(contacts().MergeContacts(Authed(firm.admin_token).get(), merge, &survivor).ok());
  EXPECT_STATUS(Create(firm.admin_token, AskRequest(firm, firm.Contact("ann2"), "help")), NOT_FOUND,
                "ask.asker: contact " + firm.Contact("ann2") + " was merged into");
}

TEST_F(AsksTest, MergingAContactMovesItsAsksAndRoutes) {
  TestFirm firm = Firm();
  AddContact(firm, "ann", "Ann");
  AddContact(firm, "ann2", "Ann again");
  AddContact(firm, "bo", "Bo");
  v1::Ask asked = MustCreate(firm, firm.Contact("ann2"), "an intro to a lender");
  v1::Ask other = MustCreate(firm, firm.Contact("bo"), "a venue");
  ASSERT_TRUE(Route(firm.admin_token, other.name(), firm.Contact("ann2")).ok());
  v1::MergeContactsRequest merge;
  merge.set_name(firm.Contact("ann"));
  merge.set_merged(firm.Contact("ann2"));
  v1::Contact survivor;
  ASSERT_TRUE(contacts().MergeContacts(Authed(firm.admin_token).get(), merge, &survivor).ok());
  v1::GetAskRequest get;
  get.set_name(asked.name());
  v1::Ask got;
  ASSERT_TRUE(asks_->GetAsk(Authed(firm.bob_token).get(), get, &got).ok());
  EXPECT_EQ(got.asker(), firm.Contact("ann"));
  get.set_name(other.name());
  ASSERT_TRUE(asks_->GetAsk(Authed(firm.bob_token).get(), get, &got).ok());
  ASSERT_EQ(got.routes_size(), 1);
  EXPECT_EQ(got.routes(0).helper(), firm.Contact("ann"));
  v1::Ask fulfilled;
  ASSERT_TRUE(
      Fulfil(firm.admin_token, FulfilRequest(asked.name(), firm.Contact("bo"), 10), &fulfilled)
          .ok());
  EXPECT_EQ(fulfilled.state(), v1::Ask::STATE_FULFILLED);
}

TEST_F(AsksTest, RetriesReturnTheSameAskAndReusedIdsAreRefused) {
  TestFirm firm = Firm();
  v1::CreateAskRequest request = AskRequest(firm, firm.Member("alice"), "a mentor");
  request.set_request_id(NewRequestId());
  v1::Ask first, second;
  ASSERT_TRUE(Create(firm.alice_token, request, &first).ok());
  ASSERT_TRUE(Create(firm.alice_token, request, &second).ok());
  EXPECT_EQ(first.SerializeAsString(), second.SerializeAsString());
  request.mutable_ask()->set_need("a different need");
  EXPECT_STATUS(Create(firm.alice_token, request), ALREADY_EXISTS, "request_id");
  v1::ListAsksRequest list;
  list.set_parent(firm.name);
  v1::ListAsksResponse page;
  ASSERT_TRUE(asks_->ListAsks(Authed(firm.bob_token).get(), list, &page).ok());
  EXPECT_EQ(page.asks_size(), 1);

  v1::CloseAskRequest close;
  close.set_name(first.name());
  close.set_request_id(NewRequestId());
  v1::Ask closed, again;
  ASSERT_TRUE(asks_->CloseAsk(Authed(firm.alice_token).get(), close, &closed).ok());
  ASSERT_TRUE(asks_->CloseAsk(Authed(firm.alice_token).get(), close, &again).ok());
  EXPECT_EQ(again.SerializeAsString(), closed.SerializeAsString());
}

TEST_F(AsksTest, OpenAsksAreLimitedByTheBudgetEarnedByGiving) {
  TestFirm firm = Firm();
  AddContact(firm, "ann", "Ann");
  std::string alice = firm.Member("alice");
  UpdateSettings(firm, "ask_budget_base", [](v1::FirmSettings* s) { s->set_ask_budget_base(2); });
  v1::Ask first = MustCreate(firm, alice, "one");
  MustCreate(firm, alice, "two");
  grpc::Status third = Create(firm.alice_token, AskRequest(firm, alice, "three"));
  EXPECT_EQ(third.error_code(), grpc::RESOURCE_EXHAUSTED) << third.error_message();
  EXPECT_EQ(third.error_message(),
            "ask.asker: " + alice +
                " has 2 open asks and an ask budget of 2 (2 plus one per 100 points given; it "
                "has given 0); give 100 more points or close an ask to post another");

  Give(firm, alice, firm.Contact("ann"), 60);
  third = Create(firm.alice_token, AskRequest(firm, alice, "three"));
  EXPECT_STATUS(third, RESOURCE_EXHAUSTED, "give 40 more points");
  Give(firm, alice, firm.Contact("ann"), 40);
  ASSERT_TRUE(Create(firm.alice_token, AskRequest(firm, alice, "three")).ok());
  EXPECT_STATUS(Create(firm.alice_token, AskRequest(firm, alice, "four")), RESOURCE_EXHAUSTED,
                "has 3 open asks and an ask budget of 3");

  ASSERT_TRUE(Close(firm.alice_token, first.name()).ok());
  EXPECT_TRUE(Create(firm.alice_token, AskRequest(firm, alice, "four")).ok());
  // Another party's budget is its own.
  EXPECT_TRUE(Create(firm.bob_token, AskRequest(firm, firm.Member("bob"), "bob's")).ok());
}

TEST_F(AsksTest, OnlyOpenAsksClose) {
  TestFirm firm = Firm();
  v1::Ask ask = MustCreate(firm, firm.Member("alice"), "help");
  v1::Ask closed;
  ASSERT_TRUE(Close(firm.alice_token, ask.name(), &closed).ok());
  EXPECT_EQ(closed.state(), v1::Ask::STATE_CLOSED);
  EXPECT_EQ(closed.etag(), "W/\"2\"");
  EXPECT_STATUS(Close(firm.admin_token, ask.name()), FAILED_PRECONDITION, "is closed, not open");
  EXPECT_STATUS(Route(firm.admin_token, ask.name(), firm.Member("bob")), FAILED_PRECONDITION,
                "is closed");
  EXPECT_STATUS(Fulfil(firm.admin_token, FulfilRequest(ask.name(), firm.Member("bob"), 5)),
                FAILED_PRECONDITION, "is closed");
}

// A small network around Alice's ask for an introduction to a fintech investor:
//   ivy   tags fintech+investors, offers "Introductions to investors", owes
//         the firm 30 (bob gave it), known by bob (strength 4)
//   tom   tag fintech, two hops away (connected to ivy)
//   carl  no tags; owes alice 50, and so the firm 50
//   bob   (a member) owes alice 20
//   tess  tags fintech+investors, owes the firm 50, but a taker (received
//         five favours, gave none)
//   cap   tags fintech+investors but already at this week's cap of one
//   zed   offers investors but carries no tag the ask or its need names, so
//         no index leads to it
TEST_F(AsksTest, SuggestionsAreRankedWithTheirReasonsTakersAndCappedLast) {
  TestFirm firm = Firm();
  std::string alice = firm.Member("alice"), bob = firm.Member("bob");
  UpdateSettings(firm, "ask_weekly_cap", [](v1::FirmSettings* s) { s->set_ask_weekly_cap(1); });
  std::string ivy =
      AddContactWith(firm, "ivy", {"fintech", "investors"}, {"Introductions to investors"}).name();
  std::string tom = AddContactWith(firm, "tom", {"fintech"}, {}).name();
  std::string carl = AddContactWith(firm, "carl", {}, {}).name();
  std::string tess = AddContactWith(firm, "tess", {"fintech", "investors"}, {}).name();
  std::string cap = AddContactWith(firm, "cap", {"fintech", "investors"}, {}).name();
  AddContactWith(firm, "zed", {"gardening"}, {"investors"});
  Know(firm, "bob", ivy, 4);
  Connect(firm, ivy, tom);
  Give(firm, bob, ivy, 30);
  Give(firm, alice, carl, 50);
  Give(firm, alice, bob, 20);
  for (int i = 0; i < 5; ++i) Give(firm, bob, tess, 10);
  // Put another ask to `cap`: it reaches the weekly cap of one.
  v1::Ask other = MustCreate(firm, firm.Contact("tom"), "something else");
  ASSERT_TRUE(Route(firm.admin_token, other.name(), cap).ok());

  v1::Ask ask =
      MustCreate(firm, alice, "An introduction to a fintech investor", {"fintech", "investors"});
  v1::SuggestHelpersResponse response = Suggest(firm, ask.name());
  std::vector<std::string> order;
  for (const auto& s : response.suggestions()) order.push_back(s.party());
  // ivy: 20 tags + 12 offer words + (3 + 1) owes the firm + 6 direct = 42
  // carl: (5 + 5) owes alice + (3 + 2) owes the firm = 15
  // tom: 10 tag + 3 two hops = 13; bob: 5 + 2 = 7
  // tess: 20 tags + 5 owes the firm = 25 but a taker; cap: 20 tags but
  // capped; flagged ones come last.
  EXPECT_THAT(order, ElementsAre(ivy, carl, tom, bob, tess, cap));
  ASSERT_EQ(response.suggestions_size(), 6);
  std::vector<int64_t> scores;
  for (const auto& s : response.suggestions()) scores.push_back(s.score());
  EXPECT_THAT(scores, ElementsAre(42, 15, 13, 7, 25, 20));
  EXPECT_THAT(response.suggestions(0).reasons(),
              ElementsAre("shares the ask's tags: fintech, investors",
                          "offers what the ask needs: introduction, investor",
                          "owes the firm 30 points", "known directly by " + bob + " (strength 4)"));
  EXPECT_THAT(response.suggestions(1).reasons(),
              ElementsAre("owes the asker 50 points", "owes the firm 50 points"));
  EXPECT_THAT(response.suggestions(2).reasons(),
              ElementsAre("shares the ask's tags: fintech",
                          "two hops from " + bob + " through " + ivy + " (strength 4)"));
  EXPECT_THAT(response.suggestions(3).reasons(), ElementsAre("owes the asker 20 points"));
  EXPECT_THAT(response.suggestions(4).reasons(),
              ElementsAre("shares the ask's tags: fintech, investors", "owes the firm 50 points",
                          "flagged as a taker: in its last 50 favours, received 50 points over 5 "
                          "favours and gave nothing back"));
  EXPECT_THAT(response.suggestions(5).reasons(),
              ElementsAre("shares the ask's tags: fintech, investors",
                          "already had 1 asks routed this week (the firm's weekly cap is 1)"));
  // The same data gives the same answer; page_size bounds it.
  v1::SuggestHelpersResponse again = Suggest(firm, ask.name());
  EXPECT_EQ(again.SerializeAsString(), response.SerializeAsString());
  v1::SuggestHelpersRequest two;
  two.set_name(ask.name());
  two.set_page_size(2);
  v1::SuggestHelpersResponse limited;
  ASSERT_TRUE(asks_->SuggestHelpers(Authed(firm.alice_token).get(), two, &limited).ok());
  ASSERT_EQ(limited.suggestions_size(), 2);
  EXPECT_EQ(limited.suggestions(1).party(), carl);
}

TEST_F(AsksTest, RoutingBeyondTheWeeklyCapIsRefused) {
  TestFirm firm = Firm();
  AddContact(firm, "ann", "Ann");
  std::string ann = firm.Contact("ann");
  UpdateSettings(firm, "ask_weekly_cap", [](v1::FirmSettings* s) { s->set_ask_weekly_cap(2); });
  UpdateSettings(firm, "ask_budget_base", [](v1::FirmSettings* s) { s->set_ask_budget_base(5); });
  v1::Ask a1 = MustCreate(firm, firm.Member("alice"), "one");
  v1::Ask a2 = MustCreate(firm, firm.Member("alice"), "two");
  v1::Ask a3 = MustCreate(firm, firm.Member("bob"), "three");
  v1::Ask routed;
  ASSERT_TRUE(Route(firm.alice_token, a1.name(), ann, &routed).ok());
  ASSERT_EQ(routed.routes_size(), 1);
  EXPECT_EQ(routed.routes(0).helper(), ann);
  EXPECT_EQ(routed.routes(0).routed_by(), firm.Member("alice"));
  EXPECT_STATUS(Route(firm.alice_token, a1.name(), ann), FAILED_PRECONDITION,
                "was already routed to " + ann);
  ASSERT_TRUE(Route(firm.alice_token, a2.name(), ann).ok());
  grpc::Status over = Route(firm.bob_token, a3.name(), ann);
  EXPECT_STATUS(over, FAILED_PRECONDITION,
                "helper: " + ann +
                    " already had 2 asks routed this week, the firm's weekly cap "
                    "of 2; the week ends ");
  // Another helper is not affected.
  EXPECT_TRUE(Route(firm.bob_token, a3.name(), firm.Member("boss")).ok());
  v1::GetAskRequest get;
  get.set_name(a3.name());
  v1::Ask got;
  ASSERT_TRUE(asks_->GetAsk(Authed(firm.bob_token).get(), get, &got).ok());
  ASSERT_EQ(got.routes_size(), 1);
  EXPECT_EQ(got.routes(0).helper(), firm.Member("boss"));
}

TEST_F(AsksTest, FulfillingRecordsTheFavourAndClosesTheAsk) {
  TestFirm firm = Firm();
  AddContact(firm, "ann", "Ann");
  std::string alice = firm.Member("alice"), ann = firm.Contact("ann");
  v1::Ask ask = MustCreate(firm, alice, "An intro to a fintech investor");
  // Read the balance first, so a stale cached value would show.
  v1::GetBalanceRequest balance_request;
  balance_request.set_parent(firm.name);
  balance_request.set_party(ann);
  balance_request.set_counterparty(alice);
  v1::Balance before;
  ASSERT_TRUE(ledger_->GetBalance(Authed(firm.bob_token).get(), balance_request, &before).ok());
  EXPECT_EQ(before.net_points(), 0);

  v1::FulfilAskRequest request = FulfilRequest(ask.name(), ann, 45);
  v1::Ask fulfilled, replay;
  ASSERT_TRUE(Fulfil(firm.alice_token, request, &fulfilled).ok());
  EXPECT_EQ(fulfilled.state(), v1::Ask::STATE_FULFILLED);
  EXPECT_EQ(fulfilled.fulfilled_by(), ann);
  EXPECT_THAT(fulfilled.favour(), ::testing::StartsWith(firm.name + "/favours/"));
  ASSERT_TRUE(Fulfil(firm.alice_token, request, &replay).ok()) << "a retry replays";
  EXPECT_EQ(replay.SerializeAsString(), fulfilled.SerializeAsString());

  v1::GetFavourRequest get_favour;
  get_favour.set_name(fulfilled.favour());
  v1::Favour favour;
  ASSERT_TRUE(ledger_->GetFavour(Authed(firm.bob_token).get(), get_favour, &favour).ok());
  EXPECT_EQ(favour.giver(), ann);
  EXPECT_EQ(favour.receiver(), alice);
  EXPECT_EQ(favour.ask(), ask.name());
  EXPECT_EQ(favour.value_points(), 45);
  EXPECT_EQ(favour.recorded_by(), alice);
  v1::ListFavoursRequest list;
  list.set_parent(firm.name);
  list.set_party(alice);
  v1::ListFavoursResponse favours;
  ASSERT_TRUE(ledger_->ListFavours(Authed(firm.bob_token).get(), list, &favours).ok());
  ASSERT_EQ(favours.favours_size(), 1) << "one favour, even after the retry";
  EXPECT_EQ(favours.favours(0).ask(), ask.name());
  v1::Balance after;
  ASSERT_TRUE(ledger_->GetBalance(Authed(firm.bob_token).get(), balance_request, &after).ok());
  EXPECT_EQ(after.net_points(), 45);
  EXPECT_EQ(after.version(), 1);

  EXPECT_STATUS(Fulfil(firm.admin_token, FulfilRequest(ask.name(), ann, 10)), FAILED_PRECONDITION,
                "is fulfilled, not open");
  v1::GetAskRequest get;
  get.set_name(ask.name());
  v1::Ask got;
  ASSERT_TRUE(asks_->GetAsk(Authed(firm.bob_token).get(), get, &got).ok());
  EXPECT_EQ(got.state(), v1::Ask::STATE_FULFILLED);
  // A fulfilled ask no longer counts toward the budget.
  UpdateSettings(firm, "ask_budget_base", [](v1::FirmSettings* s) { s->set_ask_budget_base(1); });
  EXPECT_TRUE(Create(firm.alice_token, AskRequest(firm, alice, "next")).ok());
}

TEST_F(AsksTest, AnotherFirmsAsksAreDeniedOnEveryRpc) {
  TestFirm firm = Firm();
  TestFirm other = Firm();
  AddContact(firm, "ann", "Ann");
  v1::Ask ask = MustCreate(firm, firm.Member("alice"), "help");
  std::string ann = firm.Contact("ann");
  for (const std::string& token : {other.admin_token, other.alice_token, other.service_token}) {
    EXPECT_STATUS(Create(token, AskRequest(firm, firm.Member("alice"), "x")), PERMISSION_DENIED,
                  "parent");
    v1::GetAskRequest get;
    get.set_name(ask.name());
    v1::Ask out;
    EXPECT_STATUS(asks_->GetAsk(Authed(token).get(), get, &out), PERMISSION_DENIED, "name");
    v1::ListAsksRequest list;
    list.set_parent(firm.name);
    v1::ListAsksResponse page;
    EXPECT_STATUS(asks_->ListAsks(Authed(token).get(), list, &page), PERMISSION_DENIED, "parent");
    EXPECT_STATUS(Close(token, ask.name()), PERMISSION_DENIED, "name");
    v1::SuggestHelpersRequest suggest;
    suggest.set_name(ask.name());
    v1::SuggestHelpersResponse suggestions;
    EXPECT_STATUS(asks_->SuggestHelpers(Authed(token).get(), suggest, &suggestions),
                  PERMISSION_DENIED, "name");
    EXPECT_STATUS(Route(token, ask.name(), ann), PERMISSION_DENIED, "name");
    EXPECT_STATUS(Fulfil(token, FulfilRequest(ask.name(), ann, 5)), PERMISSION_DENIED, "name");
    // A missing ask of another firm is denied the same way.
    get.set_name(firm.name + "/asks/missing");
    EXPECT_STATUS(asks_->GetAsk(Authed(token).get(), get, &out), PERMISSION_DENIED, "name");
  }
  // Names of another firm inside this firm's request.
  EXPECT_STATUS(Create(firm.admin_token, AskRequest(firm, other.Member("alice"), "x")),
                PERMISSION_DENIED, "ask.asker");
  EXPECT_STATUS(Route(firm.admin_token, ask.name(), other.Member("bob")), PERMISSION_DENIED,
                "helper");
  EXPECT_STATUS(Fulfil(firm.admin_token, FulfilRequest(ask.name(), other.Member("bob"), 5)),
                PERMISSION_DENIED, "helper");
  v1::ListAsksRequest list;
  list.set_parent(other.name);
  v1::ListAsksResponse page;
  ASSERT_TRUE(asks_->ListAsks(Authed(other.admin_token).get(), list, &page).ok());
  EXPECT_EQ(page.asks_size(), 0);
  v1::GetAskRequest get;
  get.set_name(ask.name());
  v1::Ask still;
  ASSERT_TRUE(asks_->GetAsk(Authed(firm.bob_token).get(), get, &still).ok());
  EXPECT_EQ(still.state(), v1::Ask::STATE_OPEN);
  EXPECT_EQ(still.routes_size(), 0);
}

TEST_F(AsksTest, RolesDecideWhoMayPostCloseAndFulfil) {
  TestFirm firm = Firm();
  AddContact(firm, "ann", "Ann");
  std::string alice = firm.Member("alice"), bob = firm.Member("bob"), ann = firm.Contact("ann");
  EXPECT_STATUS(Create(firm.alice_token, AskRequest(firm, bob, "for bob")), PERMISSION_DENIED,
                "ask.asker");
  EXPECT_STATUS(Create(firm.alice_token, AskRequest(firm, ann, "for ann")), PERMISSION_DENIED,
                "ask.asker");
  EXPECT_TRUE(Create(firm.service_token, AskRequest(firm, ann, "for ann")).ok());
  v1::Ask mine;
  ASSERT_TRUE(Create(firm.alice_token, AskRequest(firm, alice, "mine"), &mine).ok());
  EXPECT_STATUS(Close(firm.bob_token, mine.name()), PERMISSION_DENIED, "name");
  EXPECT_STATUS(Fulfil(firm.bob_token, FulfilRequest(mine.name(), ann, 5)), PERMISSION_DENIED,
                "name");
  // Any firm role may read and suggest; members route their own asks.
  v1::GetAskRequest get;
  get.set_name(mine.name());
  v1::Ask got;
  EXPECT_TRUE(asks_->GetAsk(Authed(firm.service_token).get(), get, &got).ok());
  v1::SuggestHelpersRequest suggest;
  suggest.set_name(mine.name());
  v1::SuggestHelpersResponse suggestions;
  EXPECT_TRUE(asks_->SuggestHelpers(Authed(firm.bob_token).get(), suggest, &suggestions).ok());
  EXPECT_STATUS(Route(firm.bob_token, mine.name(), ann), PERMISSION_DENIED,
                "members route only their own asks");
  EXPECT_STATUS(Fulfil(firm.bob_token, FulfilRequest(mine.name(), bob, 5)), PERMISSION_DENIED,
                "asks routed to them");
  EXPECT_TRUE(Route(firm.alice_token, mine.name(), bob).ok());
  // The helper may fulfil an ask routed to it.
  v1::Ask fulfilled;
  ASSERT_TRUE(Fulfil(firm.bob_token, FulfilRequest(mine.name(), bob, 5), &fulfilled).ok());
  EXPECT_EQ(fulfilled.fulfilled_by(), bob);
  v1::Ask other;
  ASSERT_TRUE(Create(firm.alice_token, AskRequest(firm, alice, "another"), &other).ok());
  EXPECT_TRUE(Close(firm.admin_token, other.name()).ok()) << "admins close any ask";
  // The platform admin manages firms, not their asks.
  EXPECT_STATUS(asks_->GetAsk(Authed(server().PlatformAdminToken()).get(), get, &got),
                PERMISSION_DENIED, "name");
}

}  // namespace
}  // namespace refnet::testing
