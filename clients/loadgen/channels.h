// Connections to the server under test: several channels, each its own TCP
// connection, so load spreads over the server's pollers as real clients do.
#pragma once

#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "clients/common/client_tls.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "refnet/v1/admin_service.grpc.pb.h"
#include "refnet/v1/ask_service.grpc.pb.h"
#include "refnet/v1/contact_service.grpc.pb.h"
#include "refnet/v1/ledger_service.grpc.pb.h"
#include "refnet/v1/network_service.grpc.pb.h"
#include "refnet/v1/referral_service.grpc.pb.h"
#include "refnet/v1/review_service.grpc.pb.h"

namespace refnet::loadgen {

// One channel and a stub of every service on it.
struct ChannelStubs {
  std::shared_ptr<grpc::Channel> channel;
  std::unique_ptr<grpc::health::v1::Health::Stub> health;
  std::unique_ptr<refnet::v1::AdminService::Stub> admin;
  std::unique_ptr<refnet::v1::ContactService::Stub> contacts;
  std::unique_ptr<refnet::v1::LedgerService::Stub> ledger;
  std::unique_ptr<refnet::v1::ReferralService::Stub> referrals;
  std::unique_ptr<refnet::v1::AskService::Stub> asks;
  std::unique_ptr<refnet::v1::NetworkService::Stub> network;
  std::unique_ptr<refnet::v1::ReviewService::Stub> reviews;
};

// Opens `count` channels to `target` that share no connection, plaintext
// or TLS as `tls` says; an error names the TLS file that could not be used.
absl::StatusOr<std::vector<ChannelStubs>> OpenChannels(const std::string& target,
                                                       const clients::ClientTlsFiles& tls,
                                                       int count);

// Waits until every channel is connected; UNAVAILABLE naming the target if
// one is not within `timeout`.
absl::Status WaitConnected(const std::string& target, const std::vector<ChannelStubs>& channels,
                           absl::Duration timeout);

}  // namespace refnet::loadgen
