// ImportContacts: a client stream read on gRPC's threads, then checked and
// written on the handler pool as one idempotent store write.
#include <utility>

#include "services/common/resource_names.h"
#include "services/common/rpc/access.h"
#include "services/common/rpc/status_mapping.h"
#include "services/common/status.h"
#include "services/contacts/transport/contact_convert.h"
#include "services/contacts/transport/contact_grpc.h"
#include "services/contacts/transport/import_convert.h"

namespace refnet::contacts {
namespace {

namespace v1 = ::refnet::v1;
using auth::Principal;

constexpr absl::string_view kMethod = "/refnet.v1.ContactService/ImportContacts";
constexpr absl::string_view kEventKind = "ImportContacts";

// Every stored change leaves its event in the same transaction: the contact
// as created or updated, and the interaction logged for it.
absl::Status AppendEvents(storage::EventLog& events, const std::string& firm_id,
                          const std::vector<ImportRowResult>& results) {
  for (const ImportRowResult& result : results) {
    if (result.contact) {
      v1::Contact contact;
      ToProto(*result.contact, &contact);
      storage::Event event{firm_id, std::string(kEventKind), contact.name(),
                           DeterministicBytes(contact)};
      REFNET_RETURN_IF_ERROR(events.Append(event).status());
    }
    if (result.interaction) {
      v1::Interaction interaction;
      ToProto(*result.interaction, &interaction);
      storage::Event event{firm_id, std::string(kEventKind), interaction.name(),
                           DeterministicBytes(interaction)};
      REFNET_RETURN_IF_ERROR(events.Append(event).status());
    }
  }
  return absl::OkStatus();
}

// The whole stream is one write keyed by its request id: a retry finds the
// stored report and writes nothing, and rows that are refused write nothing.
absl::Status Import(storage::Store& store, ContactBook& book, const Principal& caller,
                    const ImportStream& stream, v1::ImportContactsResponse* response) {
  if (stream.rows().empty()) {
    REFNET_RETURN_IF_ERROR(stream.status());
    return FieldError("contact", "the stream carried no rows; send one message per contact");
  }
  REFNET_ASSIGN_OR_RETURN(std::string firm_id,
                          rpc::FirmDataParent(caller, stream.batch().parent()));
  REFNET_RETURN_IF_ERROR(stream.status());
  REFNET_ASSIGN_OR_RETURN(ImportBatch batch, ImportBatchFromProto(caller, firm_id, stream));
  storage::IdempotencyKey key{firm_id, stream.batch().request_id(), ImportFingerprint(stream)};
  REFNET_ASSIGN_OR_RETURN(
      std::string bytes, store.Write(key, [&](storage::Tx& tx) -> absl::StatusOr<std::string> {
        // A write that runs again starts from an empty report.
        response->Clear();
        REFNET_ASSIGN_OR_RETURN(std::vector<ImportRowResult> results,
                                book.ImportContacts(tx.Admin(), tx.Contacts(), batch));
        REFNET_RETURN_IF_ERROR(AppendEvents(tx.Events(), firm_id, results));
        ToProto(firm_id, results, response);
        return DeterministicBytes(*response);
      }));
  if (!response->ParseFromString(bytes)) {
    return absl::InternalError("stored import report could not be parsed");
  }
  return absl::OkStatus();
}

// Reads the stream on gRPC's threads (nothing there waits), then hands the
// collected batch to the handler pool, which answers the call.
class ImportReactor final : public grpc::ServerReadReactor<v1::ImportContactsRequest> {
 public:
  ImportReactor(grpc::CallbackServerContext* context, rpc::CallRunner& runner,
                storage::Store& store, ContactBook& book, v1::ImportContactsResponse* response)
      : context_(context), runner_(runner), store_(store), book_(book), response_(response) {
    StartRead(&message_);
  }

  void OnReadDone(bool ok) override {
    if (ok && stream_.Add(std::move(message_))) {
      message_.Clear();
      StartRead(&message_);
      return;
    }
    // The client finished sending, went away, or the stream was refused: no
    // read is pending any more, so the pool may use the batch freely.
    runner_.RunThen(
        context_, kMethod,
        [this](const Principal& caller) {
          return Import(store_, book_, caller, stream_, response_);
        },
        [this](grpc::Status status) { Finish(std::move(status)); });
  }

  void OnDone() override { delete this; }

 private:
  grpc::CallbackServerContext* context_;
  rpc::CallRunner& runner_;
  storage::Store& store_;
  ContactBook& book_;
  v1::ImportContactsResponse* response_;
  v1::ImportContactsRequest message_;
  ImportStream stream_;
};

}  // namespace

grpc::ServerReadReactor<v1::ImportContactsRequest>* ContactGrpcService::ImportContacts(
    grpc::CallbackServerContext* context, v1::ImportContactsResponse* response) {
  return new ImportReactor(context, runner_, store_, book_, response);
}

}  // namespace refnet::contacts
