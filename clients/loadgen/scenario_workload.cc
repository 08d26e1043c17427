// Request building for each scenario method. Favours get a fresh random
// request id each, so every one is a new ledger entry.
#include "clients/loadgen/scenario_workload.h"

#include "clients/loadgen/request_ids.h"

namespace refnet::loadgen {
namespace {

namespace v1 = ::refnet::v1;

constexpr int kListPageSize = 10;
constexpr int64_t kFavourPointsMax = 50;
constexpr int32_t kIntroMaxHops = 4;
constexpr int32_t kIntroMaxPaths = 5;
// Every this many FindIntroPaths calls, one asks for an organization.
constexpr int64_t kOrganizationEvery = 5;

}  // namespace

ScenarioWorkload::ScenarioWorkload(absl::string_view firm, const std::vector<HotPair>& hot_set,
                                   std::vector<MixEntry> mix, std::vector<std::string> asks,
                                   IntroTargets intro_targets, std::string favour_note)
    : firm_name_(FirmName(firm)),
      hot_set_(hot_set),
      picker_(std::move(mix)),
      asks_(std::move(asks)),
      intro_targets_(std::move(intro_targets)),
      favour_note_(std::move(favour_note)) {}

std::vector<std::string> ScenarioWorkload::MethodNames() const {
  std::vector<std::string> names;
  names.reserve(kMethodCount);
  for (int m = 0; m < kMethodCount; ++m) {
    names.emplace_back(MethodName(static_cast<Method>(m)));
  }
  return names;
}

std::unique_ptr<Call> ScenarioWorkload::MakeCall(int64_t index, SplitMix64& rng,
                                                 const ChannelStubs& stubs) const {
  Method method = picker_.Pick(rng.Next());
  std::unique_ptr<Call> call;
  switch (method) {
    case Method::kHealthCheck:
      call = HealthCheck(stubs);
      break;
    case Method::kGetBalance:
      call = GetBalance(rng, stubs);
      break;
    case Method::kRecordFavour:
      call = RecordFavour(rng, stubs);
      break;
    case Method::kListContacts:
      call = ListContacts(stubs);
      break;
    case Method::kCreateReferral:
      call = CreateReferral(rng, stubs);
      break;
    case Method::kSuggestHelpers:
      call = SuggestHelpers(rng, stubs);
      break;
    case Method::kFindIntroPaths:
      call = FindIntroPaths(index, stubs);
      break;
    case Method::kSuggestIntroductions:
      call = SuggestIntroductions(stubs);
      break;
    case Method::kGetWeeklyReview:
      call = GetWeeklyReview(stubs);
      break;
  }
  call->method = static_cast<int>(method);
  return call;
}

std::unique_ptr<Call> ScenarioWorkload::HealthCheck(const ChannelStubs& stubs) const {
  // The empty service name asks about the server as a whole.
  return NewCall(stubs.health.get(), &grpc::health::v1::Health::Stub::PrepareAsyncCheck);
}

std::unique_ptr<Call> ScenarioWorkload::GetBalance(SplitMix64& rng,
                                                   const ChannelStubs& stubs) const {
  const HotPair& pair = hot_set_[rng.Below(hot_set_.size())];
  auto call = NewCall(stubs.ledger.get(), &v1::LedgerService::Stub::PrepareAsyncGetBalance);
  call->request.set_parent(firm_name_);
  call->request.set_party(pair.member);
  call->request.set_counterparty(pair.contact);
  return call;
}

std::unique_ptr<Call> ScenarioWorkload::RecordFavour(SplitMix64& rng,
                                                     const ChannelStubs& stubs) const {
  const HotPair& pair = hot_set_[rng.Below(hot_set_.size())];
  auto call = NewCall(stubs.ledger.get(), &v1::LedgerService::Stub::PrepareAsyncRecordFavour);
  call->request.set_parent(firm_name_);
  bool member_gives = rng.Below(2) == 0;
  v1::Favour* favour = call->request.mutable_favour();
  favour->set_giver(member_gives ? pair.member : pair.contact);
  favour->set_receiver(member_gives ? pair.contact : pair.member);
  favour->set_kind(static_cast<v1::FavourKind>(1 + rng.Below(v1::FavourKind_MAX)));
  favour->set_value_points(1 + static_cast<int64_t>(rng.Below(kFavourPointsMax)));
  if (!favour_note_.empty()) favour->set_note(favour_note_);
  uint64_t high = rng.Next();
  call->request.set_request_id(RandomRequestId(high, rng.Next()));
  return call;
}

std::unique_ptr<Call> ScenarioWorkload::ListContacts(const ChannelStubs& stubs) const {
  auto call = NewCall(stubs.contacts.get(), &v1::ContactService::Stub::PrepareAsyncListContacts);
  call->request.set_parent(firm_name_);
  call->request.set_page_size(kListPageSize);
  return call;
}

std::unique_ptr<Call> ScenarioWorkload::CreateReferral(SplitMix64& rng,
                                                       const ChannelStubs& stubs) const {
  const HotPair& pair = hot_set_[rng.Below(hot_set_.size())];
  auto call =
      NewCall(stubs.referrals.get(), &v1::ReferralService::Stub::PrepareAsyncCreateReferral);
  call->request.set_parent(firm_name_);
  v1::Referral* referral = call->request.mutable_referral();
  bool member_refers = rng.Below(2) == 0;
  referral->set_referrer(member_refers ? pair.member : pair.contact);
  referral->set_recipient(member_refers ? pair.contact : pair.member);
  referral->mutable_prospect()->set_description("a prospect of the benchmark");
  referral->set_need("an introduction");
  referral->set_warmth(1 + static_cast<int32_t>(rng.Below(5)));
  uint64_t high = rng.Next();
  call->request.set_request_id(RandomRequestId(high, rng.Next()));
  return call;
}

std::unique_ptr<Call> ScenarioWorkload::SuggestHelpers(SplitMix64& rng,
                                                       const ChannelStubs& stubs) const {
  auto call = NewCall(stubs.asks.get(), &v1::AskService::Stub::PrepareAsyncSuggestHelpers);
  call->request.set_name(asks_[rng.Below(asks_.size())]);
  call->request.set_page_size(kListPageSize);
  return call;
}

// A rotation over the targets by call number, so every run asks the same
// questions in the same proportions.
std::unique_ptr<Call> ScenarioWorkload::FindIntroPaths(int64_t index,
                                                       const ChannelStubs& stubs) const {
  auto call = NewCall(stubs.network.get(), &v1::NetworkService::Stub::PrepareAsyncFindIntroPaths);
  call->request.set_parent(firm_name_);
  call->request.set_from(intro_targets_.member);
  const std::vector<std::string>& organizations = intro_targets_.organizations;
  const std::vector<std::string>& contacts = intro_targets_.contacts;
  auto turn = static_cast<uint64_t>(index);
  if (index % kOrganizationEvery == kOrganizationEvery - 1 && !organizations.empty()) {
    call->request.set_target_organization(
        organizations[(turn / kOrganizationEvery) % organizations.size()]);
  } else {
    call->request.set_target_contact(contacts[turn % contacts.size()]);
  }
  call->request.set_max_hops(kIntroMaxHops);
  call->request.set_max_paths(kIntroMaxPaths);
  return call;
}

std::unique_ptr<Call> ScenarioWorkload::SuggestIntroductions(const ChannelStubs& stubs) const {
  auto call =
      NewCall(stubs.network.get(), &v1::NetworkService::Stub::PrepareAsyncSuggestIntroductions);
  call->request.set_parent(firm_name_);
  call->request.set_member(intro_targets_.member);
  call->request.set_page_size(kListPageSize);
  return call;
}

// As of now, with the default number of items per section.
std::unique_ptr<Call> ScenarioWorkload::GetWeeklyReview(const ChannelStubs& stubs) const {
  auto call = NewCall(stubs.reviews.get(), &v1::ReviewService::Stub::PrepareAsyncGetWeeklyReview);
  call->request.set_member(intro_targets_.member);
  return call;
}

}  // namespace refnet::loadgen
