// The weekly review through ReviewService against a real server: a network
// built by hand with a known answer for every section, the review taken at
// that moment and at an earlier one, and who may read whose review.
#include <string>
#include <vector>

#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "refnet/v1/ask_service.grpc.pb.h"
#include "refnet/v1/ledger_service.grpc.pb.h"
#include "refnet/v1/referral_service.grpc.pb.h"
#include "refnet/v1/review_service.grpc.pb.h"
#include "tests/integration/support/refnet_fixture.h"

namespace refnet::testing {
namespace {

namespace v1 = ::refnet::v1;
using ::testing::ElementsAre;

constexpr int64_t kDay = 24 * 3600;

// One item as text: section, party, points, since, resources and reason.
std::string Describe(const v1::ReviewItem& item) {
  std::string text = v1::Section_Name(item.section()) + " " + item.party() + " " +
                     std::to_string(item.points()) +
                     " since=" + std::to_string(item.since().seconds()) + " [";
  for (const std::string& r : item.resources()) text += r + " ";
  return text + "] " + item.reason();
}

class ReviewTest : public RefnetTest {
 protected:
  void SetUp() override {
    reviews_ = v1::ReviewService::NewStub(server().channel());
    ledger_ = v1::LedgerService::NewStub(server().channel());
    referrals_ = v1::ReferralService::NewStub(server().channel());
    asks_ = v1::AskService::NewStub(server().channel());
    // The review's moment: a little after now, whole seconds, so every
    // record below can be dated relative to it.
    as_of_ = absl::ToUnixSeconds(absl::Now()) + 3600;
  }

  google::protobuf::Timestamp At(int64_t days_before) const {
    google::protobuf::Timestamp t;
    t.set_seconds(as_of_ - days_before * kDay);
    return t;
  }

  std::string Favour(const TestFirm& firm, const std::string& giver, const std::string& receiver,
                     int64_t points, int64_t days_before) {
    v1::RecordFavourRequest request;
    request.set_parent(firm.name);
    request.set_request_id(NewRequestId());
    v1::Favour& favour = *request.mutable_favour();
    favour.set_giver(giver);
    favour.set_receiver(receiver);
    favour.set_kind(v1::FAVOUR_KIND_ADVICE);
    favour.set_value_points(points);
    *favour.mutable_occurred_at() = At(days_before);
    v1::Favour out;
    grpc::Status status = ledger_->RecordFavour(Authed(firm.admin_token).get(), request, &out);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return out.name();
  }

  std::string Interact(const TestFirm& firm, const std::string& contact_id,
                       v1::InteractionKind kind, int64_t days_before,
                       const std::string& event = "") {
    v1::LogInteractionRequest request;
    request.set_parent(firm.name);
    request.set_request_id(NewRequestId());
    v1::Interaction& i = *request.mutable_interaction();
    i.set_member(firm.Member("alice"));
    i.set_contact(firm.Contact(contact_id));
    i.set_kind(kind);
    i.set_event_name(event);
    *i.mutable_occurred_at() = At(days_before);
    v1::Interaction out;
    grpc::Status status = contacts().LogInteraction(Authed(firm.admin_token).get(), request, &out);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return out.name();
  }

  void Know(const TestFirm& firm, const std::string& contact_id, bool key) {
    v1::SetRelationshipRequest request;
    request.set_parent(firm.name);
    request.set_request_id(NewRequestId());
    v1::Relationship& r = *request.mutable_relationship();
    r.set_member(firm.Member("alice"));
    r.set_contact(firm.Contact(contact_id));
    r.set_strength(3);
    r.set_key(key);
    v1::Relationship out;
    grpc::Status status = contacts().SetRelationship(Authed(firm.admin_token).get(), request, &out);
    EXPECT_TRUE(status.ok()) << status.error_message();
  }

  void Offers(const TestFirm& firm, const std::string& contact_id, const std::string& offer) {
    v1::UpdateContactRequest request;
    request.mutable_contact()->set_name(firm.Contact(contact_id));
    request.mutable_contact()->add_offers(offer);
    request.mutable_update_mask()->add_paths("offers");
    v1::Contact out;
    grpc::Status status = contacts().UpdateContact(Authed(firm.admin_token).get(), request, &out);
    EXPECT_TRUE(status.ok()) << status.error_message();
  }

  std::string Refer(const TestFirm& firm, const std::string& referrer, const std::string& recipient,
                    const std::string& prospect_contact, int64_t offered_days_before) {
    v1::CreateReferralRequest request;
    request.set_parent(firm.name);
    request.set_request_id(NewRequestId());
    v1::Referral& r = *request.mutable_referral();
    r.set_referrer(referrer);
    r.set_recipient(recipient);
    if (prospect_contact.empty()) {
      r.mutable_prospect()->set_description("CFO of Initech");
    } else {
      r.mutable_prospect()->set_contact(firm.Contact(prospect_contact));
    }
    r.set_need("an audit");
    r.set_warmth(3);
    *r.mutable_offer_time() = At(offered_days_before);
    v1::Referral out;
    grpc::Status status = referrals_->CreateReferral(Authed(firm.admin_token).get(), request, &out);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return out.name();
  }

  void Move(const TestFirm& firm, const std::string& name, v1::Stage stage, int64_t days_before) {
    v1::MoveReferralRequest request;
    request.set_name(name);
    request.set_stage(stage);
    request.set_request_id(NewRequestId());
    *request.mutable_move_time() = At(days_before);
    v1::Referral out;
    grpc::Status status = referrals_->MoveReferral(Authed(firm.admin_token).get(), request, &out);
    EXPECT_TRUE(status.ok()) << status.error_message();
  }

  std::string Ask(const TestFirm& firm, const std::string& token, const std::string& asker,
                  const std::string& need, const std::vector<std::string>& tags) {
    v1::CreateAskRequest request;
    request.set_parent(firm.name);
    request.set_request_id(NewRequestId());
    request.mutable_ask()->set_asker(asker);
    request.mutable_ask()->set_need(need);
    for (const std::string& tag : tags) request.mutable_ask()->add_tags(tag);
    v1::Ask out;
    grpc::Status status = asks_->CreateAsk(Authed(token).get(), request, &out);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return out.name();
  }

  grpc::Status Review(const std::string& token, const std::string& member, v1::WeeklyReview* out,
                      int64_t days_before = 0, int32_t max = 0) {
    v1::GetWeeklyReviewRequest request;
    request.set_member(member);
    *request.mutable_as_of() = At(days_before);
    request.set_max_items_per_section(max);
    return reviews_->GetWeeklyReview(Authed(token).get(), request, out);
  }

  std::vector<std::string> Items(const v1::WeeklyReview& review) {
    std::vector<std::string> items;
    for (const v1::ReviewItem& item : review.items()) items.push_back(Describe(item));
    return items;
  }

  std::string Since(int64_t days_before) const {
    return " since=" + std::to_string(as_of_ - days_before * kDay) + " [";
  }

  std::unique_ptr<v1::ReviewService::Stub> reviews_;
  std::unique_ptr<v1::LedgerService::Stub> ledger_;
  std::unique_ptr<v1::ReferralService::Stub> referrals_;
  std::unique_ptr<v1::AskService::Stub> asks_;
  int64_t as_of_ = 0;
};

// Everything the network below holds, by name.
struct Network {
  std::string cy_favour, ada_favour, pia_favour, hal_meeting, ivy_meeting, tax_ask, stuck, old;
};

class ReviewNetworkTest : public ReviewTest {
 protected:
  Network Build(const TestFirm& firm) {
    Network n;
    for (auto [id, name] :
         std::vector<std::pair<std::string, std::string>>{{"ada", "Ada Lovelace"},
                                                          {"cy", "Cy Young"},
                                                          {"eve", "Eve Online"},
                                                          {"hal", "Hal Jordan"},
                                                          {"ivy", "Ivy Bell"},
                                                          {"jo", "Jo March"},
                                                          {"kim", "Kim Wexler"},
                                                          {"lee", "Lee Adama"},
                                                          {"max", "Max Payne"},
                                                          {"nia", "Nia Long"},
                                                          {"oli", "Oli Twist"},
                                                          {"pia", "Pia Zadora"}}) {
      AddContact(firm, id, name);
    }
    std::string alice = firm.Member("alice");
    std::string bob = firm.Member("bob");
    // Reciprocate: alice owes Cy 20 (Cy last gave 20 days ago) and Ada 40
    // (10 days ago).
    n.cy_favour = Favour(firm, firm.Contact("cy"), alice, 30, 20);
    Favour(firm, alice, firm.Contact("cy"), 10, 5);
    n.ada_favour = Favour(firm, firm.Contact("ada"), alice, 40, 10);
    // One-way giving: three favours to Pia, nothing back.
    Favour(firm, alice, firm.Contact("pia"), 10, 30);
    Favour(firm, alice, firm.Contact("pia"), 10, 20);
    n.pia_favour = Favour(firm, alice, firm.Contact("pia"), 10, 10);
    // Follow-ups: an event two days ago (first follow-up, due yesterday), a
    // meeting ten days ago (second follow-up, due three days ago), and a
    // meeting three days ago reset by a call since.
    n.hal_meeting = Interact(firm, "hal", v1::INTERACTION_KIND_EVENT, 2, "Fintech Week");
    n.ivy_meeting = Interact(firm, "ivy", v1::INTERACTION_KIND_MEETING, 10);
    Interact(firm, "jo", v1::INTERACTION_KIND_MEETING, 3);
    Interact(firm, "jo", v1::INTERACTION_KIND_CALL, 1);
    // Nurture: Kim quiet for 31 days, Lee for exactly 30 (not yet), Max
    // never touched.
    Know(firm, "kim", true);
    Know(firm, "lee", true);
    Know(firm, "max", true);
    Interact(firm, "kim", v1::INTERACTION_KIND_CALL, 31);
    Interact(firm, "lee", v1::INTERACTION_KIND_CALL, 30);
    // Asks: Bob needs tax help, which Eve (whom alice knows) offers; alice's
    // own ask and an ask no one matches are left out.
    Know(firm, "eve", false);
    Offers(firm, "eve", "tax advice");
    n.tax_ask = Ask(firm, firm.bob_token, bob, "tax help for a startup", {"startups"});
    Ask(firm, firm.bob_token, bob, "a plumber", {});
    Ask(firm, firm.alice_token, alice, "tax review", {});
    // Referrals: one stuck in accepted for 16 days, one fresh, and one that
    // was stuck 15 days ago but has been withdrawn since.
    n.stuck = Refer(firm, alice, bob, "nia", 20);
    Move(firm, n.stuck, v1::STAGE_ACCEPTED, 16);
    Refer(firm, alice, bob, "", 3);
    n.old = Refer(firm, bob, alice, "oli", 40);
    Move(firm, n.old, v1::STAGE_ACCEPTED, 35);
    Move(firm, n.old, v1::STAGE_WITHDRAWN, 5);
    return n;
  }
};

TEST_F(ReviewNetworkTest, EverySectionListsItsItemsInOrderWithTheirRecords) {
  TestFirm firm = NewFirm();
  Network n = Build(firm);
  v1::WeeklyReview review;
  grpc::Status status = Review(firm.alice_token, firm.Member("alice"), &review);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(review.member(), firm.Member("alice"));
  EXPECT_EQ(review.as_of().seconds(), as_of_);
  ASSERT_EQ(review.items_size(), 9) << ::testing::PrintToString(Items(review));
  std::string f = firm.name;
  EXPECT_THAT(
      Items(review),
      ElementsAre(
          "SECTION_RECIPROCATE " + f + "/contacts/cy 20" + Since(20) + f + "/contacts/cy " +
              n.cy_favour + " ] you owe Cy Young 20 points; they last gave on " +
              absl::FormatTime("%Y-%m-%d", absl::FromUnixSeconds(as_of_ - 20 * kDay),
                               absl::UTCTimeZone()),
          ::testing::StartsWith("SECTION_RECIPROCATE " + f + "/contacts/ada 40" + Since(10) + f +
                                "/contacts/ada " + n.ada_favour + " ] you owe Ada Lovelace 40"),
          ::testing::StartsWith("SECTION_FOLLOW_UP " + f + "/contacts/ivy 0" + Since(10) + f +
                                "/contacts/ivy " + n.ivy_meeting +
                                " ] second follow-up after meeting Ivy Bell on "),
          ::testing::StartsWith("SECTION_FOLLOW_UP " + f + "/contacts/hal 0" + Since(2) + f +
                                "/contacts/hal " + n.hal_meeting +
                                " ] first follow-up after meeting Hal Jordan at Fintech Week on "),
          "SECTION_NURTURE " + f + "/contacts/max 0 since=0 [" + f +
              "/members/alice/relationships/max " + f +
              "/contacts/max ] key relationship with Max Payne: never touched",
          ::testing::StartsWith("SECTION_NURTURE " + f + "/contacts/kim 0" + Since(31) + f +
                                "/members/alice/relationships/kim " + f +
                                "/contacts/kim ] key relationship with Kim Wexler: no touch "
                                "for 31 days"),
          "SECTION_HELP_ASK " + f + "/members/bob 0 since=" +
              std::to_string(review.items(6).since().seconds()) + " [" + n.tax_ask + " " + f +
              "/contacts/eve ] Member bob asks for \"tax help for a startup\"; your contact "
              "Eve Online matches \"tax\"",
          ::testing::StartsWith("SECTION_STUCK_REFERRAL " + f + "/members/bob 0" + Since(16) +
                                n.stuck + " " + f + "/members/bob " + f +
                                "/contacts/nia ] you referred Nia Long to Member bob; accepted "
                                "for 16 days"),
          "SECTION_ONE_WAY " + f + "/contacts/pia 30" + Since(10) + f + "/contacts/pia " +
              n.pia_favour +
              " ] you gave Pia Zadora 3 favours worth 30 points and got nothing "
              "back"));
  // The follow-ups say when they are due: three days ago and yesterday.
  EXPECT_EQ(review.items(2).due_time().seconds(), as_of_ - 3 * kDay);
  EXPECT_EQ(review.items(3).due_time().seconds(), as_of_ - 1 * kDay);

  v1::WeeklyReview again;
  ASSERT_TRUE(Review(firm.admin_token, firm.Member("alice"), &again).ok());
  EXPECT_EQ(again.SerializeAsString(), review.SerializeAsString());
}

TEST_F(ReviewNetworkTest, AReviewTakenEarlierIgnoresWhatHappenedSince) {
  TestFirm firm = NewFirm();
  Network n = Build(firm);
  v1::WeeklyReview review;
  grpc::Status status = Review(firm.alice_token, firm.Member("alice"), &review, 15);
  ASSERT_TRUE(status.ok()) << status.error_message();
  std::string f = firm.name;
  // Fifteen days ago alice owed Cy all 30 (her 10 came later) and nothing to
  // Ada; the withdrawn referral was stuck in accepted; no follow-up, key
  // relationship, ask or third favour to Pia existed yet.
  EXPECT_THAT(
      Items(review),
      ElementsAre(::testing::StartsWith("SECTION_RECIPROCATE " + f + "/contacts/cy 30" + Since(20) +
                                        f + "/contacts/cy " + n.cy_favour + " ]"),
                  ::testing::StartsWith("SECTION_STUCK_REFERRAL " + f + "/members/bob 0" +
                                        Since(35) + n.old + " " + f + "/members/bob " + f +
                                        "/contacts/oli ] Member bob referred Oli Twist to you; "
                                        "accepted for 20 days")));
}

TEST_F(ReviewNetworkTest, SectionsAreTrimmedAndFollowTheFirmsSettings) {
  TestFirm firm = NewFirm();
  Build(firm);
  v1::WeeklyReview review;
  ASSERT_TRUE(Review(firm.alice_token, firm.Member("alice"), &review, 0, 1).ok());
  std::vector<v1::Section> sections;
  for (const v1::ReviewItem& item : review.items()) sections.push_back(item.section());
  EXPECT_THAT(sections,
              ElementsAre(v1::SECTION_RECIPROCATE, v1::SECTION_FOLLOW_UP, v1::SECTION_NURTURE,
                          v1::SECTION_HELP_ASK, v1::SECTION_STUCK_REFERRAL, v1::SECTION_ONE_WAY));
  EXPECT_EQ(review.items(0).party(), firm.Contact("cy"));

  // With 31 days allowed, Kim's 31 quiet days are not too many.
  v1::UpdateFirmSettingsRequest update;
  update.mutable_settings()->set_name(firm.name + "/settings");
  update.mutable_settings()->set_nurture_days(31);
  update.mutable_update_mask()->add_paths("nurture_days");
  v1::FirmSettings updated;
  ASSERT_TRUE(admin().UpdateFirmSettings(Authed(firm.admin_token).get(), update, &updated).ok());
  ASSERT_TRUE(Review(firm.alice_token, firm.Member("alice"), &review).ok());
  std::vector<std::string> nurtured;
  for (const v1::ReviewItem& item : review.items()) {
    if (item.section() == v1::SECTION_NURTURE) nurtured.push_back(item.party());
  }
  EXPECT_THAT(nurtured, ElementsAre(firm.Contact("max")));
}

TEST_F(ReviewTest, IntroductionsToMakeAreAmongTheMembersOwnContacts) {
  TestFirm firm = NewFirm();
  AddContact(firm, "eve", "Eve Online");
  AddContact(firm, "ty", "Ty Cobb");
  AddContact(firm, "zed", "Zed Shaw");
  Know(firm, "eve", false);
  Know(firm, "ty", false);
  Offers(firm, "eve", "tax advice");
  // Ty needs what Eve offers; Zed does too, but alice does not know Zed.
  for (const char* id : {"ty", "zed"}) {
    v1::UpdateContactRequest request;
    request.mutable_contact()->set_name(firm.Contact(id));
    request.mutable_contact()->add_needs("tax advice for a startup");
    request.mutable_update_mask()->add_paths("needs");
    v1::Contact out;
    ASSERT_TRUE(contacts().UpdateContact(Authed(firm.admin_token).get(), request, &out).ok());
  }
  v1::WeeklyReview review;
  ASSERT_TRUE(Review(firm.alice_token, firm.Member("alice"), &review).ok());
  std::string f = firm.name;
  EXPECT_THAT(
      Items(review),
      ElementsAre("SECTION_INTRODUCE " + f + "/contacts/ty 0 since=0 [" + f + "/contacts/eve " + f +
                  "/contacts/ty ] introduce them: Eve Online offers tax advice; Ty Cobb "
                  "needs tax advice for a startup"));
}

TEST_F(ReviewTest, AMemberReadsOnlyTheirOwnReviewAndOnlyInTheirFirm) {
  TestFirm firm = NewFirm();
  TestFirm other = NewFirm();
  v1::WeeklyReview review;
  EXPECT_TRUE(Review(firm.alice_token, firm.Member("alice"), &review).ok());
  EXPECT_TRUE(review.items().empty());
  EXPECT_STATUS(Review(firm.alice_token, firm.Member("bob"), &review), PERMISSION_DENIED,
                "own review");
  EXPECT_STATUS(Review(firm.alice_token, other.Member("alice"), &review), PERMISSION_DENIED,
                "member");
  EXPECT_STATUS(Review(firm.admin_token, other.Member("bob"), &review), PERMISSION_DENIED,
                "member");
  EXPECT_TRUE(Review(firm.admin_token, firm.Member("bob"), &review).ok());
  EXPECT_TRUE(Review(firm.service_token, firm.Member("bob"), &review).ok());
  EXPECT_STATUS(Review(firm.admin_token, firm.Member("nobody"), &review), NOT_FOUND, "member");
}

TEST_F(ReviewTest, BadInputNamesTheField) {
  TestFirm firm = NewFirm();
  v1::WeeklyReview review;
  EXPECT_STATUS(Review(firm.alice_token, firm.Member("alice"), &review, 0, -1), INVALID_ARGUMENT,
                "max_items_per_section");
  EXPECT_STATUS(Review(firm.alice_token, "", &review), INVALID_ARGUMENT, "member");
  EXPECT_STATUS(Review(firm.alice_token, firm.Contact("ann"), &review), INVALID_ARGUMENT, "member");
  v1::GetWeeklyReviewRequest request;
  request.set_member(firm.Member("alice"));
  request.mutable_as_of()->set_seconds(int64_t{1} << 40);
  EXPECT_STATUS(reviews_->GetWeeklyReview(Authed(firm.alice_token).get(), request, &review),
                INVALID_ARGUMENT, "as_of");
  request.mutable_as_of()->set_seconds(0);
  request.mutable_as_of()->set_nanos(-1);
  EXPECT_STATUS(reviews_->GetWeeklyReview(Authed(firm.alice_token).get(), request, &review),
                INVALID_ARGUMENT, "as_of");
}

}  // namespace
}  // namespace refnet::testing
