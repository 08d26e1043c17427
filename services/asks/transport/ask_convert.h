// Asks between protobuf and the domain, with validation that names the field.
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "refnet/v1/ask_service.pb.h"
#include "services/asks/domain/types.h"
#include "services/auth/token.h"
#include "services/common/resource_names.h"

namespace refnet::asks {

// Parses `firms/{firm}/asks/{ask}` in `name` and checks the caller may use it.
absl::StatusOr<ChildName> AskNameFor(const auth::Principal& principal, absl::string_view name);

// Validates an ask to create under `firm_id` (asker, need, tags, due time).
absl::StatusOr<Ask> AskFromProto(const refnet::v1::Ask& ask, const std::string& firm_id);

void ToProto(const Ask& ask, refnet::v1::Ask* out);
void ToProto(const std::string& firm_id, const Suggestion& suggestion,
             refnet::v1::HelperSuggestion* out);

}  // namespace refnet::asks
