// refnet.v1.AdminService over gRPC: parse names, check access, validate,
// then hand over to FirmDirectory inside a store transaction.
#pragma once

#include <functional>
#include <string>
#include <utility>

#include "refnet/v1/admin_service.grpc.pb.h"
#include "services/admin/domain/firm_directory.h"
#include "services/auth/key_ring.h"
#include "services/auth/token.h"
#include "services/cache/versioned_cache.h"
#include "services/common/clock.h"
#include "services/common/rpc/call_runner.h"
#include "services/ledger/cache/balance_cache.h"
#include "services/ledger/domain/ledger.h"
#include "services/storage/store.h"

namespace refnet::admin {

// What GetServerInfo reports beyond the build.
struct ServerFacts {
  std::string store_kind;                        // "sqlite"
  const cache::VersionedCache* cache = nullptr;  // null: no Redis configured
  absl::Time start_time;
  // Writes a consistent copy of the store to a file and returns its path,
  // which BackupStore streams and then removes; empty: no online backup.
  using Snapshot = std::function<absl::StatusOr<std::string>()>;
  Snapshot snapshot;
};

class AdminGrpcService final : public refnet::v1::AdminService::CallbackService {
 public:
  AdminGrpcService(rpc::CallRunner& runner, storage::Store& store, FirmDirectory& directory,
                   ledger::Ledger& ledger, ledger::BalanceCache& balances, auth::KeyRing& keys,
                   auth::TokenPolicy policy, Clock& clock, ServerFacts facts)
      : runner_(runner),
        store_(store),
        directory_(directory),
        ledger_(ledger),
        balances_(balances),
        keys_(keys),
        policy_(policy),
        clock_(clock),
        facts_(std::move(facts)) {}

  grpc::ServerUnaryReactor* CreateFirm(grpc::CallbackServerContext* context,
                                       const refnet::v1::CreateFirmRequest* request,
                                       refnet::v1::Firm* response) override;
  grpc::ServerUnaryReactor* GetFirm(grpc::CallbackServerContext* context,
                                    const refnet::v1::GetFirmRequest* request,
                                    refnet::v1::Firm* response) override;
  grpc::ServerUnaryReactor* ListFirms(grpc::CallbackServerContext* context,
                                      const refnet::v1::ListFirmsRequest* request,
                                      refnet::v1::ListFirmsResponse* response) override;
  grpc::ServerUnaryReactor* CreateMember(grpc::CallbackServerContext* context,
                                         const refnet::v1::CreateMemberRequest* request,
                                         refnet::v1::Member* response) override;
  grpc::ServerUnaryReactor* GetMember(grpc::CallbackServerContext* context,
                                      const refnet::v1::GetMemberRequest* request,
                                      refnet::v1::Member* response) override;
  grpc::ServerUnaryReactor* ListMembers(grpc::CallbackServerContext* context,
                                        const refnet::v1::ListMembersRequest* request,
                                        refnet::v1::ListMembersResponse* response) override;
  grpc::ServerUnaryReactor* UpdateMember(grpc::CallbackServerContext* context,
                                         const refnet::v1::UpdateMemberRequest* request,
                                         refnet::v1::Member* response) override;

  // Settings and ledger maintenance (settings_grpc.cc).
  grpc::ServerUnaryReactor* GetFirmSettings(grpc::CallbackServerContext* context,
                                            const refnet::v1::GetFirmSettingsRequest* request,
                                            refnet::v1::FirmSettings* response) override;
  grpc::ServerUnaryReactor* UpdateFirmSettings(grpc::CallbackServerContext* context,
                                               const refnet::v1::UpdateFirmSettingsRequest* request,
                                               refnet::v1::FirmSettings* response) override;
  grpc::ServerUnaryReactor* CheckLedger(grpc::CallbackServerContext* context,
                                        const refnet::v1::CheckLedgerRequest* request,
                                        refnet::v1::CheckLedgerResponse* response) override;
  grpc::ServerUnaryReactor* RebuildCache(grpc::CallbackServerContext* context,
                                         const refnet::v1::RebuildCacheRequest* request,
                                         refnet::v1::RebuildCacheResponse* response) override;

  // Tokens (token_grpc.cc).
  grpc::ServerUnaryReactor* IssueToken(grpc::CallbackServerContext* context,
                                       const refnet::v1::IssueTokenRequest* request,
                                       refnet::v1::IssueTokenResponse* response) override;

  // The server itself (server_info_grpc.cc).
  grpc::ServerUnaryReactor* GetServerInfo(grpc::CallbackServerContext* context,
                                          const refnet::v1::GetServerInfoRequest* request,
                                          refnet::v1::ServerInfo* response) override;
  // Backups (backup_grpc.cc).
  grpc::ServerWriteReactor<refnet::v1::BackupChunk>* BackupStore(
      grpc::CallbackServerContext* context, const refnet::v1::BackupStoreRequest* request) override;

 private:
  // Signs the claims an IssueToken stored and puts the token in.
  absl::Status SignIssued(refnet::v1::IssueTokenResponse& issued);

  rpc::CallRunner& runner_;
  storage::Store& store_;
  FirmDirectory& directory_;
  ledger::Ledger& ledger_;
  ledger::BalanceCache& balances_;
  auth::KeyRing& keys_;
  const auth::TokenPolicy policy_;
  Clock& clock_;
  const ServerFacts facts_;
};

}  // namespace refnet::admin
