// Readable and JSON renderings of a single resource.
#pragma once

#include <ostream>
#include <string>

#include "absl/status/statusor.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"

namespace refnet::ctl {

// Prints one `field: value` line per value: empty strings, empty lists and
// unset messages are left out, and a list prints one line per element.
void PrintFields(const google::protobuf::Message& message, std::ostream& out);

// The text of a singular field (`index` < 0) or of one element of a repeated
// field. Timestamps are RFC 3339 in UTC; enums use their short names.
std::string FieldText(const google::protobuf::Message& message,
                      const google::protobuf::FieldDescriptor& field, int index);

// Whether a singular field holds something worth showing.
bool FieldIsShown(const google::protobuf::Message& message,
                  const google::protobuf::FieldDescriptor& field);

// JSON with proto field names, primitive fields always printed.
absl::StatusOr<std::string> ToJson(const google::protobuf::Message& message);

}  // namespace refnet::ctl
