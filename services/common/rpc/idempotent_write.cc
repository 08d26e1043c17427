// Fingerprints use deterministic serialization so equal requests digest equally.
#include "services/common/rpc/idempotent_write.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>

#include <memory>

#include "services/common/fingerprint.h"
#include "services/common/status.h"
#include "services/common/validation.h"

namespace refnet::rpc {
namespace {

std::string DeterministicBytes(const google::protobuf::Message& message) {
  std::string bytes;
  google::protobuf::io::StringOutputStream stream(&bytes);
  google::protobuf::io::CodedOutputStream coded(&stream);
  coded.SetSerializationDeterministic(true);
  message.SerializeToCodedStream(&coded);
  coded.Trim();
  return bytes;
}

// The `name` field of a response, when it has one.
std::string ResourceName(const google::protobuf::Message& message) {
  const google::protobuf::FieldDescriptor* name = message.GetDescriptor()->FindFieldByName("name");
  if (name == nullptr || name->type() != google::protobuf::FieldDescriptor::TYPE_STRING ||
      name->is_repeated()) {
    return std::string();
  }
  return message.GetReflection()->GetString(message, name);
}

}  // namespace

absl::Status IdempotentWrite(storage::Store& store, absl::string_view scope,
                             absl::string_view method, const google::protobuf::Message& request,
                             google::protobuf::Message* response,
                             absl::FunctionRef<absl::Status(storage::Tx&)> write,
                             absl::string_view resource, absl::string_view caller) {
  const google::protobuf::FieldDescriptor* field =
      request.GetDescriptor()->FindFieldByName("request_id");
  std::optional<storage::IdempotencyKey> key;
  if (field != nullptr) {
    std::string request_id = request.GetReflection()->GetString(request, field);
    REFNET_RETURN_IF_ERROR(ValidateRequestId(request_id));
    if (!request_id.empty()) {
      std::unique_ptr<google::protobuf::Message> body(request.New());
      body->CopyFrom(request);
      body->GetReflection()->ClearField(body.get(), field);
      key = storage::IdempotencyKey{std::string(scope), request_id,
                                    caller.empty()
                                        ? Fingerprint({method, DeterministicBytes(*body)})
                                        : Fingerprint({method, caller, DeterministicBytes(*body)})};
    }
  }
  absl::StatusOr<std::string> bytes =
      store.Write(key, [&](storage::Tx& tx) -> absl::StatusOr<std::string> {
        // A write that runs again starts from an empty response.
        response->Clear();
        REFNET_RETURN_IF_ERROR(write(tx));
        std::string bytes = DeterministicBytes(*response);
        // Every change leaves an event in its own transaction, for the change
        // feed and cache repair.
        storage::Event event{std::string(scope), std::string(method),
                             resource.empty() ? ResourceName(*response) : std::string(resource),
                             bytes};
        REFNET_RETURN_IF_ERROR(tx.Events().Append(event).status());
        return bytes;
      });
  if (!bytes.ok()) return bytes.status();
  if (!response->ParseFromString(*bytes)) {
    return absl::InternalError("stored response could not be parsed");
  }
  return absl::OkStatus();
}

}  // namespace refnet::rpc
