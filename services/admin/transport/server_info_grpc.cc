// GetServerInfo: what the server that answers is built from and runs on.
#include "services/admin/transport/admin_grpc.h"
#include "services/common/build_info.h"
#include "services/common/rpc/proto_time.h"

namespace refnet::admin {

namespace v1 = ::refnet::v1;

grpc::ServerUnaryReactor* AdminGrpcService::GetServerInfo(grpc::CallbackServerContext* context,
                                                          const v1::GetServerInfoRequest*,
                                                          v1::ServerInfo* response) {
  return runner_.Run(
      context, "/refnet.v1.AdminService/GetServerInfo",
      [=, this](const auth::Principal&) -> absl::Status {
        response->set_version(std::string(BuildVersion()));
        response->set_revision(std::string(BuildRevision()));
        response->set_store_kind(facts_.store_kind);
        if (facts_.cache == nullptr) {
          response->set_cache_state(v1::CACHE_STATE_DISABLED);
        } else {
          response->set_cache_state(facts_.cache->Available() ? v1::CACHE_STATE_AVAILABLE
                                                              : v1::CACHE_STATE_UNAVAILABLE);
        }
        absl::Time now = clock_.Now();
        rpc::ToProto(facts_.start_time, response->mutable_start_time());
        absl::Duration uptime = now - facts_.start_time;
        response->mutable_uptime()->set_seconds(absl::ToInt64Seconds(uptime));
        response->mutable_uptime()->set_nanos(
            static_cast<int32_t>(absl::ToInt64Nanoseconds(uptime % absl::Seconds(1))));
        return absl::OkStatus();
      });
}

}  // namespace refnet::admin
