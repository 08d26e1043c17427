// ImportContacts: a client stream read on gRPC's threads, then checked and
// written on the handler pool as one idempotent store write.
#include <grpcpp/alarm.h>
#include <grpcpp/support/byte_buffer.h>

#include <atomic>
#include <optional>
#include <utility>

#include "absl/base/thread_annotations.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
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
// collected batch to the handler pool, which answers the call. The call is
// admitted when it opens, so a refused caller sends no rows for nothing.
//
// A stream that sends nothing for the idle timeout is ended: an alarm fires
// at the last read plus the timeout and looks again, re-arming the other of
// two alarms (an alarm is not set again from inside its own callback). The
// reactor is counted: one reference for gRPC, dropped in OnDone, and one for
// each alarm set, dropped when its callback has run (fired or cancelled);
// whoever drops the last deletes it.
class ImportReactor final : public grpc::ServerReadReactor<grpc::ByteBuffer> {
 public:
  ImportReactor(grpc::CallbackServerContext* context, rpc::CallRunner& runner,
                storage::Store& store, ContactBook& book, grpc::ByteBuffer* response,
                absl::Duration idle_timeout)
      : context_(context),
        runner_(runner),
        store_(store),
        book_(book),
        response_(response),
        idle_timeout_(idle_timeout) {
    absl::StatusOr<rpc::CallRunner::Admission> admission = runner_.Admit(*context_, kMethod);
    if (!admission.ok()) {
      {
        absl::MutexLock lock(&mu_);
        finished_ = true;
      }
      Finish(rpc::ToGrpcStatus(admission.status()));
      return;
    }
    admission_.emplace(*std::move(admission));
    {
      absl::MutexLock lock(&mu_);
      last_read_ = absl::Now();
      ArmAlarm(last_read_ + idle_timeout_);
    }
    StartRead(&message_);
  }

  // Finish is called with no lock held: gRPC may run OnDone, which deletes
  // the reactor, before Finish returns.
  void OnReadDone(bool ok) override {
    enum class Next { kRead, kRefuse, kSubmit };
    Next next = Next::kSubmit;
    absl::Status refusal;
    {
      absl::MutexLock lock(&mu_);
      if (finished_) return;  // ended while the read was pending
      if (ok) {
        last_read_ = absl::Now();
        ++messages_;
        refusal = Take();
        if (!refusal.ok()) {
          next = Next::kRefuse;
        } else if (accepting_) {
          next = Next::kRead;
        }
      }
      if (next != Next::kRead) finished_ = true;
    }
    switch (next) {
      case Next::kRead:
        StartRead(&message_);
        return;
      case Next::kRefuse:
        Finish(runner_.Refuse(kMethod, *admission_, refusal));
        return;
      case Next::kSubmit:
        Submit();
        return;
    }
  }

  void OnDone() override {
    int pending = -1;
    {
      absl::MutexLock lock(&mu_);
      done_ = true;
      pending = pending_alarm_;
    }
    // A cancelled alarm still runs its callback, which drops its reference.
    if (pending >= 0) alarms_[pending].Cancel();
    Unref();
  }

 private:
  // Parses and keeps the message just read; the refusal when it does not
  // parse. `accepting_` turns false once the stream is refused.
  absl::Status Take() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    v1::ImportContactsRequest parsed;
    if (!grpc::SerializationTraits<v1::ImportContactsRequest>::Deserialize(&message_, &parsed)
             .ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat("message ", messages_,
                       " of the stream cannot be parsed as refnet.v1.ImportContactsRequest; "
                       "nothing was imported"));
    }
    accepting_ = stream_.Add(std::move(parsed));
    return absl::OkStatus();
  }

  // The client finished sending, went away, or the stream was refused: no
  // read is pending any more, so the pool may use the batch freely.
  void Submit() {
    runner_.RunThen(
        context_, kMethod, *std::move(admission_),
        [this](const Principal& caller) {
          return Import(store_, book_, caller, stream_, &imported_);
        },
        [this](grpc::Status status) {
          if (status.ok()) {
            bool own_buffer = false;
            grpc::Status serialized =
                grpc::SerializationTraits<v1::ImportContactsResponse>::Serialize(
                    imported_, response_, &own_buffer);
            if (!serialized.ok()) status = serialized;
          }
          Finish(std::move(status));
        });
  }

  void ArmAlarm(absl::Time when) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    int next = 1 - last_armed_;
    last_armed_ = next;
    pending_alarm_ = next;
    refs_.fetch_add(1, std::memory_order_relaxed);
    alarms_[next].Set(absl::ToChronoTime(when), [this](bool fired) { OnAlarm(fired); });
  }

  void Unref() {
    if (refs_.fetch_sub(1, std::memory_order_acq_rel) == 1) delete this;
  }

  void OnAlarm(bool fired) {
    bool idle = false;
    {
      absl::MutexLock lock(&mu_);
      pending_alarm_ = -1;
      if (fired && !done_ && !finished_) {
        absl::Time due = last_read_ + idle_timeout_;
        if (absl::Now() >= due) {
          finished_ = true;
          idle = true;
        } else {
          ArmAlarm(due);
        }
      }
    }
    if (idle) {
      // A read is still pending; it completes with ok=false once the call
      // ends. This alarm's reference keeps the reactor alive through Finish.
      Finish(runner_.Refuse(kMethod, *admission_,
                            absl::DeadlineExceededError(absl::StrCat(
                                "the stream sent nothing for ", absl::FormatDuration(idle_timeout_),
                                "; nothing was imported"))));
    }
    Unref();
  }

  grpc::CallbackServerContext* context_;
  rpc::CallRunner& runner_;
  storage::Store& store_;
  ContactBook& book_;
  grpc::ByteBuffer* response_;
  const absl::Duration idle_timeout_;
  std::optional<rpc::CallRunner::Admission> admission_;
  grpc::ByteBuffer message_;
  ImportStream stream_;
  v1::ImportContactsResponse imported_;
  grpc::Alarm alarms_[2];
  std::atomic<int> refs_{1};  // gRPC's, until OnDone
  absl::Mutex mu_;
  absl::Time last_read_ ABSL_GUARDED_BY(mu_);
  int64_t messages_ ABSL_GUARDED_BY(mu_) = 0;
  bool accepting_ ABSL_GUARDED_BY(mu_) = true;
  bool finished_ ABSL_GUARDED_BY(mu_) = false;   // Finish called or handed to the pool
  int pending_alarm_ ABSL_GUARDED_BY(mu_) = -1;  // the alarm set and not yet run
  int last_armed_ ABSL_GUARDED_BY(mu_) = 1;      // so the first is alarms_[0]
  bool done_ ABSL_GUARDED_BY(mu_) = false;       // OnDone ran
};

}  // namespace

grpc::ServerReadReactor<grpc::ByteBuffer>* ContactGrpcService::ImportContacts(
    grpc::CallbackServerContext* context, grpc::ByteBuffer* response) {
  return new ImportReactor(context, runner_, store_, book_, response, stream_idle_timeout_);
}

}  // namespace refnet::contacts
