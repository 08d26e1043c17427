// Update masks: every path must name a mutable field; immutable or unknown
// paths are INVALID_ARGUMENT naming `update_mask`.
#pragma once

#include <google/protobuf/field_mask.pb.h>
#include <google/protobuf/message.h>

#include <set>
#include <string>

#include "absl/status/statusor.h"

namespace refnet::rpc {

// Returns the paths to apply. An empty mask means every mutable field that is
// set (non-default) in `resource` (AIP-134).
absl::StatusOr<std::set<std::string>> ResolveUpdateMask(const google::protobuf::FieldMask& mask,
                                                        const google::protobuf::Message& resource,
                                                        const std::set<std::string>& mutable_paths);

}  // namespace refnet::rpc
