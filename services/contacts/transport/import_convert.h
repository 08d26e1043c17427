// ImportContacts streams between protobuf and the domain: collecting the
// messages of one stream, its idempotency fingerprint, validating the batch
// and its rows, and the per-row report.
#pragma once

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "refnet/v1/contact_service.pb.h"
#include "services/auth/token.h"
#include "services/contacts/domain/import_rules.h"

namespace refnet::contacts {

// The request bytes one stream may carry in all, besides the row count cap.
inline constexpr size_t kImportBytesMax = 64 << 20;

// The messages of one stream as they arrive: the batch fields of the first,
// every row, and the first thing wrong with the stream itself.
class ImportStream {
 public:
  // Takes the next message; false once the stream is refused and reading
  // should stop.
  bool Add(refnet::v1::ImportContactsRequest message);

  // The first message's batch fields (no row).
  const refnet::v1::ImportContactsRequest& batch() const { return batch_; }
  // Each message's `contact` and `contact_id`, in order.
  const std::vector<refnet::v1::ImportContactsRequest>& rows() const { return rows_; }
  // OK, or why the stream was refused (naming the field).
  const absl::Status& status() const { return status_; }

 private:
  absl::Status CheckSameBatch(const refnet::v1::ImportContactsRequest& message) const;

  refnet::v1::ImportContactsRequest batch_;
  std::vector<refnet::v1::ImportContactsRequest> rows_;
  size_t bytes_ = 0;
  absl::Status status_;
};

// Digests the batch fields and every row (request_id aside), so a retry of
// the same stream matches whether or not it repeated the batch fields.
std::string ImportFingerprint(const ImportStream& stream);

// Validates the batch fields (INVALID_ARGUMENT or PERMISSION_DENIED naming
// the field) and each row (a bad row keeps its error and the rest go on).
absl::StatusOr<ImportBatch> ImportBatchFromProto(const auth::Principal& caller,
                                                 const std::string& firm_id,
                                                 const ImportStream& stream);

// The per-row report with its totals.
void ToProto(const std::string& firm_id, const std::vector<ImportRowResult>& results,
             refnet::v1::ImportContactsResponse* out);

// Protobuf's deterministic serialization, so equal messages give equal bytes.
std::string DeterministicBytes(const google::protobuf::Message& message);

}  // namespace refnet::contacts
