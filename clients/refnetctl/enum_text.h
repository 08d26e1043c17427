// Enum values as users type and read them: `admin` for ROLE_ADMIN,
// `meeting` for INTERACTION_KIND_MEETING.
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/descriptor.h"

namespace refnet::ctl {

// The value's name without the enum's prefix, in lower case with hyphens.
std::string EnumShortName(const google::protobuf::EnumValueDescriptor& value);

// The values users may pick (the zero "unspecified" value left out), comma-separated.
std::string EnumChoices(const google::protobuf::EnumDescriptor& type);

// Accepts the short name or the full proto name, in any case. A usage error
// naming `flag` otherwise.
absl::StatusOr<int> ParseEnumFlag(const google::protobuf::EnumDescriptor& type,
                                  absl::string_view text, absl::string_view flag);

}  // namespace refnet::ctl
