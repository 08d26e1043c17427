// Load shedding against a real server: a firm over its rate is refused with
// when to retry while other firms go on, a firm's own limit set by a
// platform admin applies at once, and calls beyond the in-flight bound are
// refused at once rather than queued.
#include <thread>

#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "gtest/gtest.h"
#include "tests/integration/support/refnet_fixture.h"

namespace refnet::testing {
namespace {

namespace v1 = ::refnet::v1;

class LimitsTest : public RefnetTest {
 protected:
  static grpc::Status ListMembersWith(const TestFirm& firm, const std::string& token) {
    v1::ListMembersRequest request;
    request.set_parent(firm.name);
    v1::ListMembersResponse out;
    return admin().ListMembers(Authed(token).get(), request, &out);
  }

  // Calls until one is refused (at most `calls`); the refusal, or OK.
  static grpc::Status CallUntilRefused(const TestFirm& firm, int calls, int* ok_calls) {
    *ok_calls = 0;
    for (int i = 0; i < calls; ++i) {
      grpc::Status status = ListMembersWith(firm, firm.alice_token);
      if (!status.ok()) return status;
      ++*ok_calls;
    }
    return grpc::Status::OK;
  }

  // Opens two import streams of `firm`, which hold two slots while they are
  // open, probes with a call of `prober`, then finishes the streams. False when a
  // stream was itself refused (the probe of an earlier round still held a
  // slot when it arrived), so the round proves nothing.
  static bool ProbeWithTwoStreamsOpen(const TestFirm& firm, const TestFirm& prober,
                                      grpc::Status* probe) {
    std::vector<std::unique_ptr<grpc::ClientContext>> contexts;
    std::vector<std::unique_ptr<grpc::ClientWriter<v1::ImportContactsRequest>>> streams;
    v1::ImportContactsResponse responses[2];
    for (int i = 0; i < 2; ++i) {
      contexts.push_back(Authed(firm.admin_token));
      streams.push_back(contacts().ImportContacts(contexts.back().get(), &responses[i]));
      v1::ImportContactsRequest row;
      row.set_parent(firm.name);
      row.set_request_id(NewRequestId());
      row.mutable_contact()->set_display_name("Streamed " + std::to_string(i));
      streams.back()->Write(row);
    }
    // Time for both streams to reach the server and be admitted.
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    v1::ListMembersRequest request;
    request.set_parent(prober.name);
    v1::ListMembersResponse out;
    *probe = admin().ListMembers(Authed(prober.alice_token).get(), request, &out);
    bool streams_ok = true;
    for (auto& stream : streams) {
      stream->WritesDone();
      streams_ok = stream->Finish().ok() && streams_ok;
    }
    return streams_ok;
  }
};

struct Details {
  bool has_retry = false;
  absl::Duration retry_delay;
  std::string quota_subject;
  std::string quota_description;
};

Details ParseDetails(const grpc::Status& status) {
  Details details;
  google::rpc::Status parsed;
  if (!parsed.ParseFromString(status.error_details())) return details;
  for (const google::protobuf::Any& any : parsed.details()) {
    google::rpc::RetryInfo retry;
    google::rpc::QuotaFailure quota;
    if (any.UnpackTo(&retry)) {
      details.has_retry = true;
      details.retry_delay = absl::Seconds(retry.retry_delay().seconds()) +
                            absl::Nanoseconds(retry.retry_delay().nanos());
    } else if (any.UnpackTo(&quota) && quota.violations_size() > 0) {
      details.quota_subject = quota.violations(0).subject();
      details.quota_description = quota.violations(0).description();
    }
  }
  return details;
}

class RateLimitTest : public LimitsTest {
 protected:
  static void SetUpTestSuite() { StartSuite({"--firm-rate-limit-rps=5", "--firm-rate-burst=5"}); }
};

TEST_F(RateLimitTest, AFirmOverItsRateIsToldWhenToRetryWhileAnotherFirmGoesOn) {
  TestFirm noisy = NewFirm();
  TestFirm quiet = NewFirm();
  int ok_calls = 0;
  grpc::Status refused = CallUntilRefused(noisy, 50, &ok_calls);
  EXPECT_GE(ok_calls, 5);  // the burst
  EXPECT_STATUS(refused, RESOURCE_EXHAUSTED, "over its rate limit of 5 calls/s");
  EXPECT_NE(refused.error_message().find("firm " + noisy.id), std::string::npos);
  Details details = ParseDetails(refused);
  ASSERT_TRUE(details.has_retry) << "no google.rpc.RetryInfo in the status details";
  EXPECT_GT(details.retry_delay, absl::ZeroDuration());
  EXPECT_LE(details.retry_delay, absl::Milliseconds(200));  // one call at 5 calls/s
  EXPECT_EQ(details.quota_subject, noisy.name);
  EXPECT_NE(details.quota_description.find("5 calls/s"), std::string::npos);

  // Another firm's calls are not held up by the first one's excess.
  EXPECT_TRUE(ListMembersWith(quiet, quiet.alice_token).ok());
  // After the delay it was given, the firm may call again.
  absl::SleepFor(details.retry_delay + absl::Milliseconds(20));
  EXPECT_TRUE(ListMembersWith(noisy, noisy.alice_token).ok());
}

TEST_F(RateLimitTest, RefusedCallsChangeNothing) {
  TestFirm firm = NewFirm();
  int ok_calls = 0;
  ASSERT_FALSE(CallUntilRefused(firm, 50, &ok_calls).ok());
  v1::CreateContactRequest request;
  request.set_parent(firm.name);
  request.set_contact_id("refused");
  request.mutable_contact()->set_display_name("Refused");
  grpc::Status status = TryCreateContact(firm.alice_token, request);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  absl::SleepFor(absl::Seconds(1));
  v1::GetContactRequest get;
  get.set_name(firm.Contact("refused"));
  v1::Contact contact;
  EXPECT_EQ(contacts().GetContact(Authed(firm.alice_token).get(), get, &contact).error_code(),
            grpc::StatusCode::NOT_FOUND);
}

// No server-wide limit: a firm's own limit is what applies.
class FirmRateSettingTest : public LimitsTest {
 protected:
  static void SetUpTestSuite() { StartSuite({"--firm-rate-limit-rps=0"}); }

  static grpc::Status SetRate(const TestFirm& firm, const std::string& token, int32_t rps,
                              int32_t burst, v1::FirmSettings* out = nullptr) {
    v1::UpdateFirmSettingsRequest update;
    update.mutable_settings()->set_name(firm.name + "/settings");
    update.mutable_settings()->set_rate_limit_rps(rps);
    update.mutable_settings()->set_rate_burst(burst);
    update.mutable_update_mask()->add_paths("rate_limit_rps");
    update.mutable_update_mask()->add_paths("rate_burst");
    v1::FirmSettings ignored;
    return admin().UpdateFirmSettings(Authed(token).get(), update, out ? out : &ignored);
  }
};

TEST_F(FirmRateSettingTest, APlatformAdminSetsAFirmsLimitAndItAppliesAtOnce) {
  TestFirm firm = NewFirm();
  TestFirm other = NewFirm();
  int ok_calls = 0;
  EXPECT_TRUE(CallUntilRefused(firm, 50, &ok_calls).ok());
  v1::FirmSettings settings;
  ASSERT_TRUE(SetRate(firm, server().PlatformAdminToken(), 2, 2, &settings).ok());
  EXPECT_EQ(settings.rate_limit_rps(), 2);
  EXPECT_EQ(settings.rate_burst(), 2);
  grpc::Status refused = CallUntilRefused(firm, 50, &ok_calls);
  EXPECT_STATUS(refused, RESOURCE_EXHAUSTED, "rate limit of 2 calls/s with bursts of 2");
  EXPECT_LE(ok_calls, 3);
  EXPECT_TRUE(CallUntilRefused(other, 50, &ok_calls).ok());
  // Back to the server's default: no limit.
  ASSERT_TRUE(SetRate(firm, server().PlatformAdminToken(), 0, 0).ok());
  grpc::Status after = CallUntilRefused(firm, 50, &ok_calls);
  EXPECT_TRUE(after.ok()) << after.error_message() << " after " << ok_calls;
}

TEST_F(FirmRateSettingTest, FirmAdminsReadTheirLimitButCannotRaiseIt) {
  TestFirm firm = NewFirm();
  ASSERT_TRUE(SetRate(firm, server().PlatformAdminToken(), 500, 800).ok());
  EXPECT_STATUS(SetRate(firm, firm.admin_token, 100000, 800), PERMISSION_DENIED,
                "settings.rate_limit_rps: only platform admins");
  EXPECT_STATUS(SetRate(firm, firm.admin_token, 500, 100000), PERMISSION_DENIED,
                "settings.rate_burst: only platform admins");
  // Sending back what it read changes nothing and is fine.
  v1::GetFirmSettingsRequest get;
  get.set_name(firm.name + "/settings");
  v1::FirmSettings read;
  ASSERT_TRUE(admin().GetFirmSettings(Authed(firm.admin_token).get(), get, &read).ok());
  EXPECT_EQ(read.rate_limit_rps(), 500);
  v1::UpdateFirmSettingsRequest update;
  *update.mutable_settings() = read;
  update.mutable_settings()->set_dormant_days(90);
  v1::FirmSettings updated;
  grpc::Status status =
      admin().UpdateFirmSettings(Authed(firm.admin_token).get(), update, &updated);
  EXPECT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(updated.dormant_days(), 90);
  EXPECT_EQ(updated.rate_limit_rps(), 500);
}

TEST_F(FirmRateSettingTest, PlatformAdminsChangeOnlyTheLimitsAndWithinBounds) {
  TestFirm firm = NewFirm();
  v1::UpdateFirmSettingsRequest update;
  update.mutable_settings()->set_name(firm.name + "/settings");
  update.mutable_settings()->set_dormant_days(5);
  update.mutable_update_mask()->add_paths("dormant_days");
  v1::FirmSettings out;
  EXPECT_STATUS(
      admin().UpdateFirmSettings(Authed(server().PlatformAdminToken()).get(), update, &out),
      PERMISSION_DENIED, "platform admins change only rate_limit_rps and rate_burst");
  EXPECT_STATUS(SetRate(firm, server().PlatformAdminToken(), -1, 0), INVALID_ARGUMENT,
                "settings.rate_limit_rps");
  EXPECT_STATUS(SetRate(firm, server().PlatformAdminToken(), 10, 2000000), INVALID_ARGUMENT,
                "settings.rate_burst");
  // Members cannot touch settings at all.
  EXPECT_STATUS(SetRate(firm, firm.alice_token, 10, 10), PERMISSION_DENIED, "role member");
}

class InFlightTest : public LimitsTest {
 protected:
  static void SetUpTestSuite() { StartSuite({"--max-in-flight=2"}); }
};

TEST_F(InFlightTest, CallsBeyondTheBoundAreRefusedAtOnceNotQueued) {
  TestFirm firm = NewFirm();
  grpc::Status probe;
  bool fair_round = false;
  for (int round = 0; round < 10 && !fair_round; ++round) {
    fair_round = ProbeWithTwoStreamsOpen(firm, firm, &probe);
  }
  ASSERT_TRUE(fair_round) << "the streams were refused in every round";
  EXPECT_STATUS(probe, RESOURCE_EXHAUSTED, "handling 2 calls already");
  // With the streams done, the slots are free again.
  EXPECT_TRUE(ListMembersWith(firm, firm.alice_token).ok());
}

class FirmShareTest : public LimitsTest {
 protected:
  static void SetUpTestSuite() { StartSuite({"--firm-max-in-flight=2"}); }
};

TEST_F(FirmShareTest, AFirmHoldingItsShareDoesNotCrowdOutAnother) {
  TestFirm slow = NewFirm();
  TestFirm other = NewFirm();
  grpc::Status own;
  grpc::Status others;
  bool fair_round = false;
  for (int round = 0; round < 10 && !fair_round; ++round) {
    fair_round =
        ProbeWithTwoStreamsOpen(slow, slow, &own) && ProbeWithTwoStreamsOpen(slow, other, &others);
  }
  ASSERT_TRUE(fair_round) << "the streams were refused in every round";
  EXPECT_STATUS(own, RESOURCE_EXHAUSTED, "has 2 calls in flight on this server already");
  EXPECT_TRUE(others.ok()) << others.error_message();
}

}  // namespace
}  // namespace refnet::testing
