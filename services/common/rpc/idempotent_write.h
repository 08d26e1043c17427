// Runs a write through the store so that it is exactly-once by request_id:
// the request (minus its request_id) is fingerprinted, and the response is
// stored in the write's own transaction and replayed on retries.
#pragma once

#include <google/protobuf/message.h>

#include <string>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "services/storage/store.h"

namespace refnet::rpc {

// `scope` is the firm id, or "" for platform-level writes. `write` fills
// `response`. The event names `resource`, or when empty the response's `name`.
// `caller`, when set, is part of the fingerprint: a retry by anyone else is
// ALREADY_EXISTS rather than a replay of the first answer.
absl::Status IdempotentWrite(storage::Store& store, absl::string_view scope,
                             absl::string_view method, const google::protobuf::Message& request,
                             google::protobuf::Message* response,
                             absl::FunctionRef<absl::Status(storage::Tx&)> write,
                             absl::string_view resource = {}, absl::string_view caller = {});

}  // namespace refnet::rpc
