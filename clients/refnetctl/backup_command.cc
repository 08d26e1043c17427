// `refnetctl backup --out FILE`: AdminService/BackupStore into a file. The
// file appears under its name only once it is whole: written beside it,
// checked against the size and SHA-256 the server sent, then renamed.
#include <cstdio>
#include <fstream>
#include <memory>
#include <string>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "clients/refnetctl/command.h"
#include "clients/refnetctl/exit_status.h"
#include "clients/refnetctl/rpc.h"
#include "refnet/v1/admin_service.grpc.pb.h"
#include "services/common/fingerprint.h"
#include "services/common/status.h"

namespace refnet::ctl {
namespace {

absl::Status Receive(CommandEnv& env, const std::string& partial, int64_t* bytes,
                     std::string* sha256) {
  std::ofstream out(partial, std::ios::binary | std::ios::trunc);
  if (!out) return absl::NotFoundError(absl::StrCat("cannot write ", partial));
  v1::AdminService::Stub stub(env.channel);
  grpc::ClientContext context;
  PrepareContext(env.options, &context);
  std::unique_ptr<grpc::ClientReader<v1::BackupChunk>> reader =
      stub.BackupStore(&context, v1::BackupStoreRequest());
  Sha256 digest;
  int64_t total = -1;
  std::string expected;
  v1::BackupChunk chunk;
  while (reader->Read(&chunk)) {
    if (total < 0) total = chunk.total_bytes();
    out.write(chunk.data().data(), static_cast<std::streamsize>(chunk.data().size()));
    digest.Update(chunk.data());
    *bytes += static_cast<int64_t>(chunk.data().size());
    if (!chunk.sha256().empty()) expected = chunk.sha256();
  }
  REFNET_RETURN_IF_ERROR(FromGrpcStatus(reader->Finish()));
  out.close();
  if (!out) return absl::DataLossError(absl::StrCat("cannot write ", partial));
  *sha256 = digest.FinishHex();
  if (*bytes != total || expected != *sha256) {
    return absl::DataLossError(absl::StrCat("the backup arrived damaged: ", *bytes, " of ", total,
                                            " bytes, sha256 ", *sha256, " where the server sent ",
                                            expected));
  }
  return absl::OkStatus();
}

absl::Status RunBackup(CommandEnv& env) {
  std::optional<std::string> path = env.args.Value("out");
  if (!path.has_value() || path->empty()) return UsageError("backup needs --out FILE");
  std::string partial = *path + ".partial";
  int64_t bytes = 0;
  std::string sha256;
  absl::Status received = Receive(env, partial, &bytes, &sha256);
  if (!received.ok()) {
    std::remove(partial.c_str());
    return received;
  }
  if (std::rename(partial.c_str(), path->c_str()) != 0) {
    std::remove(partial.c_str());
    return absl::InternalError(absl::StrCat("cannot rename ", partial, " to ", *path));
  }
  if (env.options.json) {
    env.out << "{\"file\": \"" << absl::CEscape(*path) << "\", \"bytes\": " << bytes
            << ", \"sha256\": \"" << sha256 << "\"}\n";
  } else {
    env.out << "wrote " << *path << ": " << bytes << " bytes, sha256 " << sha256 << "\n";
  }
  return absl::OkStatus();
}

}  // namespace

Command BackupCommand() {
  return {.group = "backup",
          .summary = "write an online, consistent copy of the whole store (platform admins)",
          .notes =
              "The file is a SQLite database: restore by starting refnet-server with "
              "--store sqlite:FILE. A large store may need a longer --timeout.",
          .flags = {{"out", FlagKind::kValue, "FILE", "where to write the backup"}},
          .run = RunBackup};
}

}  // namespace refnet::ctl
