// The balance cache's write protocol around rpc::IdempotentWrite.
#include "services/ledger/transport/ledger_write.h"

#include "services/common/rpc/idempotent_write.h"
#include "services/common/status.h"

namespace refnet::ledger {

absl::Status LedgerWrite(storage::Store& store, BalanceCache& balances, absl::string_view scope,
                         absl::string_view method, const google::protobuf::Message& request,
                         google::protobuf::Message* response,
                         absl::FunctionRef<absl::StatusOr<std::optional<Recorded>>(storage::Tx&)>
                             write) {
  std::optional<Recorded> changed;
  std::optional<std::string> generation;
  absl::Status written = rpc::IdempotentWrite(
      store, scope, method, request, response, [&](storage::Tx& tx) -> absl::Status {
        // A write that runs again starts over.
        changed.reset();
        generation.reset();
        REFNET_ASSIGN_OR_RETURN(changed, write(tx));
        if (changed) generation = balances.BeforeCommit(*changed);
        return absl::OkStatus();
      });
  balances.AfterWrite(written, changed, generation);
  return written;
}

}  // namespace refnet::ledger
