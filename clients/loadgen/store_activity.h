// Recent activity around member m0 in a bulk-seeded firm, so a weekly review
// has something to say: events and meetings of the last two weeks, open
// asks, and referrals in flight.
#pragma once

#include <cstdint>
#include <vector>

#include "absl/status/statusor.h"
#include "clients/loadgen/firm_shape.h"
#include "clients/loadgen/graph_shape.h"
#include "services/common/clock.h"
#include "services/ledger/domain/ledger.h"
#include "services/storage/store.h"

namespace refnet::loadgen {

struct HubActivityCounts {
  int64_t interactions = 0;
  int64_t asks = 0;
  int64_t asks_skipped = 0;  // the asker's ask budget was spent
  int64_t referrals = 0;
  int64_t rows() const { return interactions + asks + referrals; }
};

class HubActivity {
 public:
  HubActivity(const FirmShape& shape, Clock& clock, IdGenerator& ids, ledger::Ledger& ledger)
      : shape_(shape), clock_(clock), ids_(ids), ledger_(ledger) {}

  // Writes it all in `tx`, through the domain. `relationships` is the plan
  // the store holds; m0's contacts are taken from it.
  absl::StatusOr<HubActivityCounts> Write(storage::Tx& tx,
                                          const std::vector<PlannedRelationship>& relationships);

 private:
  absl::Status Interactions(storage::Tx& tx, const std::vector<int32_t>& known,
                            HubActivityCounts& counts);
  absl::Status Asks(storage::Tx& tx, const std::vector<int32_t>& known, HubActivityCounts& counts);
  absl::Status Referrals(storage::Tx& tx, const std::vector<int32_t>& known,
                         HubActivityCounts& counts);

  const FirmShape& shape_;
  Clock& clock_;
  IdGenerator& ids_;
  ledger::Ledger& ledger_;
};

}  // namespace refnet::loadgen
