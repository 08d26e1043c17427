// What the network reads from a store: the graph through its indexes, and
// the favour edges between parties. Everything is for one firm at a time.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "services/network/domain/types.h"

namespace refnet::network {

class NetworkRepository {
 public:
  virtual ~NetworkRepository() = default;

  // The contacts a member knows.
  virtual absl::StatusOr<std::vector<Tie>> TiesOfMember(absl::string_view firm_id,
                                                        absl::string_view member_id) = 0;
  // The members who know a contact.
  virtual absl::StatusOr<std::vector<Tie>> TiesOfContact(absl::string_view firm_id,
                                                         absl::string_view contact_id) = 0;
  // How many members know a contact, counting at most `cap`.
  virtual absl::StatusOr<int32_t> CountKnowers(absl::string_view firm_id,
                                               absl::string_view contact_id, int32_t cap) = 0;
  // The ids of the contacts connected to a contact, in order.
  virtual absl::StatusOr<std::vector<std::string>> Neighbours(absl::string_view firm_id,
                                                              absl::string_view contact_id) = 0;
  virtual absl::StatusOr<bool> Connected(absl::string_view firm_id, absl::string_view a,
                                         absl::string_view b) = 0;
  // Whether a live favour (one not voided) introduced one party to the
  // other, either way round. Parties as the ledger writes them.
  virtual absl::StatusOr<bool> Introduced(absl::string_view firm_id, absl::string_view a,
                                          absl::string_view b) = 0;
  // Live contacts at an organization (case-insensitive), by id, at most `limit`.
  virtual absl::StatusOr<std::vector<std::string>> ContactsAt(absl::string_view firm_id,
                                                              absl::string_view organization,
                                                              int32_t limit) = 0;
  // nullopt when there is no such contact.
  virtual absl::StatusOr<std::optional<ContactBrief>> GetBrief(absl::string_view firm_id,
                                                               absl::string_view contact_id) = 0;
  // Live contacts with an offer or a need: those `member_id` knows, or the
  // whole firm's when it is empty; at most `limit`, by id.
  virtual absl::StatusOr<std::vector<ContactBrief>> MatchableContacts(absl::string_view firm_id,
                                                                      absl::string_view member_id,
                                                                      int32_t limit) = 0;
  // Contacts exactly one member knows: (member id, contact id) pairs, those
  // of `member_id` only when it is not empty.
  virtual absl::StatusOr<std::vector<std::pair<std::string, std::string>>> SoleKnowers(
      absl::string_view firm_id, absl::string_view member_id) = 0;
  // Who `party` gave points to, from the pair balances; positive only.
  virtual absl::StatusOr<std::vector<GivenEdge>> GivenBy(absl::string_view firm_id,
                                                         absl::string_view party) = 0;
};

}  // namespace refnet::network
