// An idempotent write that may record a favour, following the balance
// cache's protocol: the changed keys are tombstoned inside the transaction
// and refreshed once it committed.
#pragma once

#include <optional>

#include <google/protobuf/message.h>

#include "absl/functional/function_ref.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "services/ledger/cache/balance_cache.h"
#include "services/storage/store.h"

namespace refnet::ledger {

// rpc::IdempotentWrite for writes that move balances. `write` fills
// `response` and returns the ledger entry it made, if any.
absl::Status LedgerWrite(storage::Store& store, BalanceCache& balances, absl::string_view scope,
                         absl::string_view method, const google::protobuf::Message& request,
                         google::protobuf::Message* response,
                         absl::FunctionRef<absl::StatusOr<std::optional<Recorded>>(storage::Tx&)>
                             write);

}  // namespace refnet::ledger
