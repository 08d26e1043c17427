// BackupStore: a snapshot of the store, streamed in chunks. The snapshot is
// taken on a handler thread (it reads the whole database); the chunks are
// read and sent as each write completes, so one backup holds at most a
// chunk in memory whatever the store's size.
#include <cstdio>
#include <fstream>
#include <memory>

#include "absl/strings/str_cat.h"
#include "services/admin/transport/admin_grpc.h"
#include "services/common/fingerprint.h"
#include "services/common/rpc/access.h"
#include "services/common/rpc/status_mapping.h"
#include "services/common/status.h"

namespace refnet::admin {
namespace {

namespace v1 = ::refnet::v1;

constexpr char kMethod[] = "/refnet.v1.AdminService/BackupStore";
constexpr size_t kChunkBytes = 1 << 20;

class BackupReactor final : public grpc::ServerWriteReactor<v1::BackupChunk> {
 public:
  BackupReactor(grpc::CallbackServerContext* context, rpc::CallRunner& runner,
                const ServerFacts::Snapshot& snapshot) {
    absl::StatusOr<rpc::CallRunner::Admission> admission = runner.Admit(*context, kMethod);
    if (!admission.ok()) {
      Finish(rpc::ToGrpcStatus(admission.status()));
      return;
    }
    runner.RunThen(
        context, kMethod, *std::move(admission),
        [this, &snapshot](const auth::Principal& caller) -> absl::Status {
          REFNET_RETURN_IF_ERROR(rpc::RequirePlatformAdmin(caller, "back up the store"));
          if (!snapshot) return absl::UnimplementedError("this store cannot be backed up online");
          REFNET_ASSIGN_OR_RETURN(path_, snapshot());
          file_.open(path_, std::ios::binary | std::ios::ate);
          if (!file_) return absl::InternalError(absl::StrCat("cannot read the snapshot ", path_));
          total_ = static_cast<int64_t>(file_.tellg());
          file_.seekg(0);
          return absl::OkStatus();
        },
        [this](grpc::Status status) {
          if (!status.ok()) {
            Finish(std::move(status));
            return;
          }
          chunk_.set_total_bytes(total_);
          SendNext();
        });
  }

  void OnWriteDone(bool ok) override {
    if (!ok) {
      Finish(grpc::Status(grpc::StatusCode::CANCELLED, "the client went away"));
      return;
    }
    chunk_.Clear();
    if (sent_ == total_) {
      Finish(grpc::Status::OK);
      return;
    }
    SendNext();
  }

  void OnDone() override {
    file_.close();
    if (!path_.empty()) std::remove(path_.c_str());
    delete this;
  }

 private:
  // Reads and sends the next chunk; the last one carries the digest. An
  // empty file (there is none: SQLite's header alone is 100 bytes) would
  // still send one chunk.
  void SendNext() {
    std::string& data = *chunk_.mutable_data();
    data.resize(static_cast<size_t>(std::min<int64_t>(kChunkBytes, total_ - sent_)));
    if (!file_.read(data.data(), static_cast<std::streamsize>(data.size()))) {
      Finish(grpc::Status(grpc::StatusCode::INTERNAL, "the snapshot could not be read"));
      return;
    }
    sent_ += static_cast<int64_t>(data.size());
    digest_.Update(data);
    if (sent_ == total_) chunk_.set_sha256(digest_.FinishHex());
    StartWrite(&chunk_);
  }

  Sha256 digest_;
  std::string path_;
  std::ifstream file_;
  int64_t total_ = 0;
  int64_t sent_ = 0;
  v1::BackupChunk chunk_;
};

}  // namespace

grpc::ServerWriteReactor<v1::BackupChunk>* AdminGrpcService::BackupStore(
    grpc::CallbackServerContext* context, const v1::BackupStoreRequest*) {
  return new BackupReactor(context, runner_, facts_.snapshot);
}

}  // namespace refnet::admin
