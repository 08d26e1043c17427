// Turns a call's bearer token into a principal, in two steps: Verify checks
// the token alone (signature, times, claims) and is cheap enough to run on
// gRPC's own threads before a call is admitted; CheckMember then looks the
// member up in the store. Both are remembered: a verified token until it
// expires or the keys change, a member's standing for a second at most, and
// forgotten at once when this server changes the member.
#pragma once

#include <grpcpp/server_context.h>

#include <cstdint>
#include <string>
#include <utility>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "services/auth/key_ring.h"
#include "services/auth/token.h"
#include "services/common/clock.h"
#include "services/storage/store.h"

namespace refnet::rpc {

class Authenticator {
 public:
  Authenticator(auth::KeyRing& keys, auth::TokenPolicy policy, Clock& clock, storage::Store& store)
      : keys_(keys), policy_(policy), clock_(clock), store_(store) {}

  // Verifies the call's bearer token; every failure is UNAUTHENTICATED.
  absl::StatusOr<auth::Principal> Verify(const grpc::ServerContextBase& context);

  // For firm roles, the member must exist, be active and still hold the
  // token's role; every failure is UNAUTHENTICATED.
  absl::Status CheckMember(const auth::Principal& principal);

  // Drops what is remembered about members, after a change to one commits.
  void ForgetMembers();

 private:
  // How long a member's active flag and role are trusted without a look.
  static constexpr absl::Duration kMemberTtl = absl::Seconds(1);
  // Bounds on both caches; when full they start over.
  static constexpr size_t kTokensMax = 10000;
  static constexpr size_t kMembersMax = 10000;

  struct MemberSeen {
    auth::Role role;
    absl::Time checked;
  };

  absl::StatusOr<auth::TokenClaims> VerifyToken(absl::string_view token, absl::Time now);

  auth::KeyRing& keys_;
  const auth::TokenPolicy policy_;
  Clock& clock_;
  storage::Store& store_;
  absl::Mutex mu_;
  absl::flat_hash_map<std::string, auth::TokenClaims> tokens_ ABSL_GUARDED_BY(mu_);
  // The key ring's generation the remembered tokens were verified under.
  uint64_t tokens_generation_ ABSL_GUARDED_BY(mu_) = 0;
  // Keyed by "firm/member"; only active members with their role.
  absl::flat_hash_map<std::string, MemberSeen> members_ ABSL_GUARDED_BY(mu_);
  // Rises with every ForgetMembers, so a look that began before a change
  // cannot put its answer back after it.
  uint64_t members_epoch_ ABSL_GUARDED_BY(mu_) = 0;
};

}  // namespace refnet::rpc
