// Rendering is driven by descriptors, so every resource type prints the same
// way without a printer of its own.
#include "clients/refnetctl/message_printer.h"

#include <cstdint>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/time.h"
#include "clients/refnetctl/enum_text.h"
#include "google/protobuf/util/json_util.h"

namespace refnet::ctl {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

std::string TimestampText(const Message& timestamp) {
  const google::protobuf::Descriptor& type = *timestamp.GetDescriptor();
  const Reflection& refl = *timestamp.GetReflection();
  int64_t seconds = refl.GetInt64(timestamp, type.FindFieldByName("seconds"));
  int32_t nanos = refl.GetInt32(timestamp, type.FindFieldByName("nanos"));
  std::string text =
      absl::FormatTime("%Y-%m-%dT%H:%M:%S", absl::FromUnixSeconds(seconds), absl::UTCTimeZone());
  // Fractions in 0, 3, 6 or 9 digits, as protobuf's own JSON printer writes them.
  if (nanos % 1000000 == 0 && nanos != 0) {
    absl::StrAppend(&text, absl::StrFormat(".%03d", nanos / 1000000));
  } else if (nanos % 1000 == 0 && nanos != 0) {
    absl::StrAppend(&text, absl::StrFormat(".%06d", nanos / 1000));
  } else if (nanos != 0) {
    absl::StrAppend(&text, absl::StrFormat(".%09d", nanos));
  }
  return text + "Z";
}

// `lead=10`, the spelling `settings update --value` accepts.
std::string FavourValueText(const Message& value) {
  const google::protobuf::Descriptor& type = *value.GetDescriptor();
  return absl::StrCat(FieldText(value, *type.FindFieldByName("kind"), -1), "=",
                      FieldText(value, *type.FindFieldByName("value_points"), -1));
}

std::string MessageText(const Message& message) {
  const std::string& type = message.GetDescriptor()->full_name();
  if (type == "google.protobuf.Timestamp") return TimestampText(message);
  if (type == "refnet.v1.FavourValue") return FavourValueText(message);
  return message.ShortDebugString();
}

}  // namespace

std::string FieldText(const Message& message, const FieldDescriptor& field, int index) {
  const Reflection& refl = *message.GetReflection();
  const bool repeated = index >= 0;
  switch (field.cpp_type()) {
    case FieldDescriptor::CPPTYPE_STRING:
      return repeated ? refl.GetRepeatedString(message, &field, index)
                      : refl.GetString(message, &field);
    case FieldDescriptor::CPPTYPE_BOOL:
      return (repeated ? refl.GetRepeatedBool(message, &field, index)
                       : refl.GetBool(message, &field))
                 ? "true"
                 : "false";
    case FieldDescriptor::CPPTYPE_INT32:
      return absl::StrCat(repeated ? refl.GetRepeatedInt32(message, &field, index)
                                   : refl.GetInt32(message, &field));
    case FieldDescriptor::CPPTYPE_INT64:
      return absl::StrCat(repeated ? refl.GetRepeatedInt64(message, &field, index)
                                   : refl.GetInt64(message, &field));
    case FieldDescriptor::CPPTYPE_UINT32:
      return absl::StrCat(repeated ? refl.GetRepeatedUInt32(message, &field, index)
                                   : refl.GetUInt32(message, &field));
    case FieldDescriptor::CPPTYPE_UINT64:
      return absl::StrCat(repeated ? refl.GetRepeatedUInt64(message, &field, index)
                                   : refl.GetUInt64(message, &field));
    case FieldDescriptor::CPPTYPE_DOUBLE:
      return absl::StrCat(repeated ? refl.GetRepeatedDouble(message, &field, index)
                                   : refl.GetDouble(message, &field));
    case FieldDescriptor::CPPTYPE_FLOAT:
      return absl::StrCat(repeated ? refl.GetRepeatedFloat(message, &field, index)
                                   : refl.GetFloat(message, &field));
    case FieldDescriptor::CPPTYPE_ENUM:
      return EnumShortName(repeated ? *refl.GetRepeatedEnum(message, &field, index)
                                    : *refl.GetEnum(message, &field));
    case FieldDescriptor::CPPTYPE_MESSAGE:
      return MessageText(repeated ? refl.GetRepeatedMessage(message, &field, index)
                                  : refl.GetMessage(message, &field));
  }
  return "";
}

bool FieldIsShown(const Message& message, const FieldDescriptor& field) {
  const Reflection& refl = *message.GetReflection();
  if (field.is_repeated()) return refl.FieldSize(message, &field) > 0;
  if (field.cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) return refl.HasField(message, &field);
  if (field.cpp_type() == FieldDescriptor::CPPTYPE_STRING) {
    return !refl.GetString(message, &field).empty();
  }
  return true;
}

void PrintFields(const Message& message, std::ostream& out) {
  const google::protobuf::Descriptor& type = *message.GetDescriptor();
  const Reflection& refl = *message.GetReflection();
  for (int i = 0; i < type.field_count(); ++i) {
    const FieldDescriptor& field = *type.field(i);
    if (!FieldIsShown(message, field)) continue;
    if (!field.is_repeated()) {
      out << field.name() << ": " << FieldText(message, field, -1) << "\n";
      continue;
    }
    for (int j = 0; j < refl.FieldSize(message, &field); ++j) {
      out << field.name() << ": " << FieldText(message, field, j) << "\n";
    }
  }
}

absl::StatusOr<std::string> ToJson(const Message& message) {
  google::protobuf::util::JsonPrintOptions options;
  options.always_print_primitive_fields = true;
  options.preserve_proto_field_names = true;
  options.add_whitespace = true;
  std::string json;
  auto status = google::protobuf::util::MessageToJsonString(message, &json, options);
  if (!status.ok()) {
    return absl::InternalError(absl::StrCat("cannot print JSON: ", status.ToString()));
  }
  return json;
}

}  // namespace refnet::ctl
