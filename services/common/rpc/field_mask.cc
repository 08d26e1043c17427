// Field mask resolution against the resource's descriptor.
#include "services/common/rpc/field_mask.h"

#include <google/protobuf/descriptor.h>

#include "absl/strings/str_cat.h"
#include "services/common/status.h"

namespace refnet::rpc {

absl::StatusOr<std::set<std::string>> ResolveUpdateMask(
    const google::protobuf::FieldMask& mask, const google::protobuf::Message& resource,
    const std::set<std::string>& mutable_paths) {
  const google::protobuf::Descriptor* descriptor = resource.GetDescriptor();
  const google::protobuf::Reflection* reflection = resource.GetReflection();
  std::set<std::string> paths;
  if (mask.paths_size() == 0) {
    for (const std::string& path : mutable_paths) {
      const google::protobuf::FieldDescriptor* field = descriptor->FindFieldByName(path);
      bool set = field->is_repeated() ? reflection->FieldSize(resource, field) > 0
                                      : reflection->HasField(resource, field);
      if (set) paths.insert(path);
    }
    return paths;
  }
  for (int i = 0; i < mask.paths_size(); ++i) {
    const std::string& path = mask.paths(i);
    if (mutable_paths.count(path) > 0) {
      paths.insert(path);
    } else if (descriptor->FindFieldByName(path) != nullptr) {
      return FieldError("update_mask", absl::StrCat("path \"", path, "\" is immutable"));
    } else {
      return FieldError("update_mask",
                        absl::StrCat("path \"", path, "\" is not a field of ", descriptor->name()));
    }
  }
  return paths;
}

}  // namespace refnet::rpc
