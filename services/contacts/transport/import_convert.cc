// Collecting, fingerprinting and validating ImportContacts streams.
#include "services/contacts/transport/import_convert.h"

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>

#include <utility>

#include "absl/strings/str_cat.h"
#include "services/common/fingerprint.h"
#include "services/common/resource_names.h"
#include "services/common/rpc/proto_time.h"
#include "services/common/status.h"
#include "services/common/validation.h"
#include "services/contacts/transport/contact_convert.h"

namespace refnet::contacts {
namespace {

namespace v1 = ::refnet::v1;

absl::Status Differs(absl::string_view field) {
  return FieldError(field, "differs from the first message's; send it once or repeat it unchanged");
}

absl::Status CheckSameText(const std::string& first, const std::string& later,
                           absl::string_view field) {
  if (later.empty() || later == first) return absl::OkStatus();
  return Differs(field);
}

// The member who met the contacts: the caller unless named. Members import
// only for themselves.
absl::StatusOr<std::string> ImportingMember(const auth::Principal& caller,
                                            const std::string& firm_id, const std::string& member) {
  if (member.empty()) return caller.member_id;
  REFNET_ASSIGN_OR_RETURN(std::string member_id, MemberIdIn(member, firm_id, "member"));
  if (caller.role == auth::Role::kMember && member_id != caller.member_id) {
    return absl::PermissionDeniedError(
        "member: members may only import the contacts they met themselves");
  }
  return member_id;
}

ImportRow RowFromProto(int32_t position, const v1::ImportContactsRequest& message) {
  ImportRow row;
  row.row = position;
  if (!message.has_contact()) {
    row.invalid = FieldError("contact", "is required: every message carries one row");
    return row;
  }
  absl::StatusOr<Contact> contact = ContactFromProto(message.contact());
  if (!contact.ok()) {
    row.invalid = contact.status();
    return row;
  }
  row.contact = *std::move(contact);
  if (!message.contact_id().empty()) {
    row.invalid = ValidateNewId(message.contact_id(), "contact_id");
    row.contact.id = message.contact_id();
  }
  return row;
}

v1::ImportRowResult::Outcome ToProto(ImportOutcome outcome) {
  switch (outcome) {
    case ImportOutcome::kCreated:
      return v1::ImportRowResult::CREATED;
    case ImportOutcome::kUpdated:
      return v1::ImportRowResult::UPDATED;
    case ImportOutcome::kDuplicate:
      return v1::ImportRowResult::DUPLICATE;
    case ImportOutcome::kError:
      return v1::ImportRowResult::ERROR;
  }
  return v1::ImportRowResult::OUTCOME_UNSPECIFIED;
}

}  // namespace

bool ImportStream::Add(v1::ImportContactsRequest message) {
  if (!status_.ok()) return false;
  if (rows_.size() >= kImportRowsMax) {
    status_ = FieldError("contact", absl::StrCat("a stream carries at most ", kImportRowsMax,
                                                 " rows; split the import"));
    return false;
  }
  bytes_ += message.ByteSizeLong();
  if (bytes_ > kImportBytesMax) {
    status_ = FieldError("contact", absl::StrCat("a stream carries at most ", kImportBytesMax,
                                                 " bytes; split the import"));
    return false;
  }
  if (rows_.empty()) {
    batch_ = message;
    batch_.clear_contact();
    batch_.clear_contact_id();
  } else {
    status_ = CheckSameBatch(message);
    if (!status_.ok()) return false;
  }
  v1::ImportContactsRequest& row = rows_.emplace_back();
  row.set_allocated_contact(message.has_contact() ? message.release_contact() : nullptr);
  row.set_contact_id(std::move(*message.mutable_contact_id()));
  return true;
}

absl::Status ImportStream::CheckSameBatch(const v1::ImportContactsRequest& message) const {
  REFNET_RETURN_IF_ERROR(CheckSameText(batch_.parent(), message.parent(), "parent"));
  REFNET_RETURN_IF_ERROR(CheckSameText(batch_.request_id(), message.request_id(), "request_id"));
  REFNET_RETURN_IF_ERROR(CheckSameText(batch_.event_name(), message.event_name(), "event_name"));
  REFNET_RETURN_IF_ERROR(CheckSameText(batch_.member(), message.member(), "member"));
  if (message.has_event_time() &&
      (!batch_.has_event_time() ||
       message.event_time().SerializeAsString() != batch_.event_time().SerializeAsString())) {
    return Differs("event_time");
  }
  return absl::OkStatus();
}

std::string ImportFingerprint(const ImportStream& stream) {
  v1::ImportContactsRequest batch = stream.batch();
  batch.clear_request_id();
  std::string rows;
  for (const v1::ImportContactsRequest& row : stream.rows()) {
    std::string bytes = DeterministicBytes(row);
    absl::StrAppend(&rows, bytes.size(), ":", bytes);
  }
  return Fingerprint({"ImportContacts", DeterministicBytes(batch), rows});
}

absl::StatusOr<ImportBatch> ImportBatchFromProto(const auth::Principal& caller,
                                                 const std::string& firm_id,
                                                 const ImportStream& stream) {
  const v1::ImportContactsRequest& first = stream.batch();
  if (first.request_id().empty()) {
    return FieldError("request_id", "is required: a retried import must not run twice");
  }
  REFNET_RETURN_IF_ERROR(ValidateRequestId(first.request_id()));
  ImportBatch batch;
  batch.firm_id = firm_id;
  REFNET_ASSIGN_OR_RETURN(batch.member_id, ImportingMember(caller, firm_id, first.member()));
  REFNET_ASSIGN_OR_RETURN(batch.event_tag, EventTag(first.event_name()));
  if (first.has_event_time()) {
    if (!rpc::IsValidTimestamp(first.event_time())) {
      return FieldError("event_time", "is not a valid timestamp");
    }
    batch.event_time = rpc::FromProto(first.event_time());
  }
  batch.rows.reserve(stream.rows().size());
  for (size_t i = 0; i < stream.rows().size(); ++i) {
    batch.rows.push_back(RowFromProto(static_cast<int32_t>(i + 1), stream.rows()[i]));
  }
  return batch;
}

void ToProto(const std::string& firm_id, const std::vector<ImportRowResult>& results,
             v1::ImportContactsResponse* out) {
  for (const ImportRowResult& result : results) {
    v1::ImportRowResult* row = out->add_rows();
    row->set_row(result.row);
    row->set_outcome(ToProto(result.outcome));
    if (!result.contact_id.empty()) row->set_contact(ContactName(firm_id, result.contact_id));
    row->set_field(result.field);
    row->set_message(result.message);
    switch (result.outcome) {
      case ImportOutcome::kCreated:
        out->set_created(out->created() + 1);
        break;
      case ImportOutcome::kUpdated:
        out->set_updated(out->updated() + 1);
        break;
      case ImportOutcome::kDuplicate:
        out->set_duplicates(out->duplicates() + 1);
        break;
      case ImportOutcome::kError:
        out->set_errors(out->errors() + 1);
        break;
    }
  }
}

std::string DeterministicBytes(const google::protobuf::Message& message) {
  std::string bytes;
  google::protobuf::io::StringOutputStream stream(&bytes);
  google::protobuf::io::CodedOutputStream coded(&stream);
  coded.SetSerializationDeterministic(true);
  message.SerializeToCodedStream(&coded);
  coded.Trim();
  return bytes;
}

}  // namespace refnet::contacts
