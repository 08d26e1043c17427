// gRPC reuses one subchannel (one TCP connection) for channels with equal
// arguments; a distinct channel id and a local subchannel pool prevent that.
#include "clients/loadgen/channels.h"

#include <chrono>

#include "absl/strings/str_cat.h"

namespace refnet::loadgen {

absl::StatusOr<std::vector<ChannelStubs>> OpenChannels(const std::string& target,
                                                       const clients::ClientTlsFiles& tls,
                                                       int count) {
  absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> credentials =
      clients::MakeChannelCredentials(tls);
  if (!credentials.ok()) return credentials.status();
  std::vector<ChannelStubs> channels;
  channels.reserve(static_cast<size_t>(count));
  for (int i = 0; i < count; ++i) {
    grpc::ChannelArguments args;
    args.SetInt("grpc.channel_id", i);
    args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
    ChannelStubs stubs;
    stubs.channel = grpc::CreateCustomChannel(target, *credentials, args);
    stubs.health = grpc::health::v1::Health::NewStub(stubs.channel);
    stubs.admin = refnet::v1::AdminService::NewStub(stubs.channel);
    stubs.contacts = refnet::v1::ContactService::NewStub(stubs.channel);
    stubs.ledger = refnet::v1::LedgerService::NewStub(stubs.channel);
    stubs.referrals = refnet::v1::ReferralService::NewStub(stubs.channel);
    stubs.asks = refnet::v1::AskService::NewStub(stubs.channel);
    stubs.network = refnet::v1::NetworkService::NewStub(stubs.channel);
    stubs.reviews = refnet::v1::ReviewService::NewStub(stubs.channel);
    channels.push_back(std::move(stubs));
  }
  return channels;
}

absl::Status WaitConnected(const std::string& target, const std::vector<ChannelStubs>& channels,
                           absl::Duration timeout) {
  auto deadline = std::chrono::system_clock::now() + absl::ToChronoMilliseconds(timeout);
  for (const ChannelStubs& stubs : channels) {
    grpc_connectivity_state state = stubs.channel->GetState(/*try_to_connect=*/true);
    while (state != GRPC_CHANNEL_READY) {
      // A refused connection fails now rather than after the whole timeout.
      if (state == GRPC_CHANNEL_TRANSIENT_FAILURE || state == GRPC_CHANNEL_SHUTDOWN) {
        return absl::UnavailableError(absl::StrCat("cannot reach ", target, ": connection failed"));
      }
      if (!stubs.channel->WaitForStateChange(state, deadline)) {
        return absl::UnavailableError(absl::StrCat(
            "cannot reach ", target, ": not connected within ", absl::FormatDuration(timeout)));
      }
      state = stubs.channel->GetState(/*try_to_connect=*/true);
    }
  }
  return absl::OkStatus();
}

}  // namespace refnet::loadgen
