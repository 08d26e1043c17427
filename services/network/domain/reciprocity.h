// The ledger seen as a graph: pay-it-forward loops through the firm, the
// moves that would settle the firm's balances, and the favours owed to the
// firm that only one member could call in. The firm's members count as one
// party, the firm.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/network/domain/types.h"
#include "services/storage/store.h"

namespace refnet::network {

inline constexpr int32_t kLoopLengthMin = 3;
inline constexpr int32_t kLoopLengthMax = 6;
// Contacts whose giving is read, at most, per search.
inline constexpr int32_t kLoopExpansionsMax = 5000;

struct LoopSearch {
  std::vector<Loop> loops;  // best first
  bool truncated = false;
};

// Loops firm → A → … → firm of 3 to `max_length` favours, through contacts
// only, each contact at most once; those that start with `member_id`'s giving
// when it is not empty. Best first: highest credit, then shorter, then names.
absl::StatusOr<LoopSearch> FindLoops(storage::Tx& tx, const std::string& firm_id,
                                     const std::string& member_id, int32_t max_length,
                                     int32_t limit);

// Settles net positions (party → given minus received; they sum to zero)
// with few moves: equal and opposite amounts pair off first, then the
// largest debtor pays the largest creditor until all are square. At most one
// move fewer than the parties involved. Largest move first, then names.
std::vector<Move> SettleNets(const std::map<std::string, int64_t>& nets);

// Each party's net position with the firm's members summed under "" (the
// firm), from the firm's party totals.
absl::StatusOr<std::map<std::string, int64_t>> FirmNets(storage::Tx& tx,
                                                        const std::string& firm_id);

// The raw pair balances as moves (the party that owes gives back to the
// other), largest first.
absl::StatusOr<std::vector<Move>> PairMoves(storage::Tx& tx, const std::string& firm_id);

// Per member (or only `member_id`'s): contacts only that member knows that
// owe the firm, largest first. Members with none are left out; most exposed
// member first.
absl::StatusOr<std::vector<MemberExposure>> KeyPersonExposure(storage::Tx& tx,
                                                              const std::string& firm_id,
                                                              const std::string& member_id);

}  // namespace refnet::network
