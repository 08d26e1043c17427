// What the asks domain needs from a store: asks, their routes, and the
// index-bounded lookups that gather helper candidates.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "services/asks/domain/types.h"

namespace refnet::asks {

class AskRepository {
 public:
  virtual ~AskRepository() = default;

  // NOT_FOUND when absent; `routes` are filled in.
  virtual absl::StatusOr<Ask> GetAsk(absl::string_view firm_id, absl::string_view id) = 0;
  // Sets `position`; stores the tags in the tag index.
  virtual absl::Status InsertAsk(Ask& ask) = 0;
  // Replaces state, fulfilled_by, favour, update time and version.
  virtual absl::Status UpdateAsk(const Ask& ask) = 0;
  // Asks with position > after_position in order, at most `limit`, routes filled in.
  virtual absl::StatusOr<std::vector<Ask>> ListAsks(absl::string_view firm_id,
                                                    const AskFilter& filter, int64_t after_position,
                                                    int32_t limit) = 0;
  virtual absl::StatusOr<int64_t> CountOpenAsks(absl::string_view firm_id,
                                                absl::string_view asker) = 0;

  // Sets `position`.
  virtual absl::Status InsertRoute(Route& route) = 0;
  // Routes to `helper` at or after `since`, over every ask of the firm.
  virtual absl::StatusOr<int64_t> CountRoutesSince(absl::string_view firm_id,
                                                   absl::string_view helper, absl::Time since) = 0;

  // After a contact merge: `from` becomes `to` as asker, helper and fulfiller.
  virtual absl::Status ReassignParty(absl::string_view firm_id, absl::string_view from_party,
                                     absl::string_view to_party) = 0;

  // Contact ids carrying `tag`, in id order, at most `limit`.
  virtual absl::StatusOr<std::vector<std::string>> ContactsTagged(absl::string_view firm_id,
                                                                  absl::string_view tag,
                                                                  int32_t limit) = 0;
  // Contact ids `member_id` has a relationship with, in id order, at most `limit`.
  virtual absl::StatusOr<std::vector<std::string>> ContactsKnownBy(absl::string_view firm_id,
                                                                   absl::string_view member_id,
                                                                   int32_t limit) = 0;
  // The member who knows the contact best: directly when any member does
  // (strongest, then member id), else through a connected contact.
  virtual absl::StatusOr<std::optional<KnownBy>> BestKnownBy(absl::string_view firm_id,
                                                             absl::string_view contact_id) = 0;
};

}  // namespace refnet::asks
