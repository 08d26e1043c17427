// Proto enum values carry their type as an upper-snake prefix (AIP-126);
// users should not have to type it.
#include "clients/refnetctl/enum_text.h"

#include <cctype>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/strip.h"
#include "clients/refnetctl/exit_status.h"

namespace refnet::ctl {
namespace {

// InteractionKind → "INTERACTION_KIND_".
std::string EnumPrefix(const google::protobuf::EnumDescriptor& type) {
  std::string prefix;
  for (char c : type.name()) {
    if (std::isupper(static_cast<unsigned char>(c)) && !prefix.empty()) prefix.push_back('_');
    prefix.push_back(absl::ascii_toupper(static_cast<unsigned char>(c)));
  }
  prefix.push_back('_');
  return prefix;
}

}  // namespace

std::string EnumShortName(const google::protobuf::EnumValueDescriptor& value) {
  absl::string_view name = value.name();
  absl::ConsumePrefix(&name, EnumPrefix(*value.type()));
  return absl::StrReplaceAll(absl::AsciiStrToLower(name), {{"_", "-"}});
}

std::string EnumChoices(const google::protobuf::EnumDescriptor& type) {
  std::vector<std::string> names;
  for (int i = 0; i < type.value_count(); ++i) {
    if (type.value(i)->number() == 0) continue;
    names.push_back(EnumShortName(*type.value(i)));
  }
  return absl::StrJoin(names, ", ");
}

absl::StatusOr<int> ParseEnumFlag(const google::protobuf::EnumDescriptor& type,
                                  absl::string_view text, absl::string_view flag) {
  for (int i = 0; i < type.value_count(); ++i) {
    const google::protobuf::EnumValueDescriptor& value = *type.value(i);
    if (value.number() == 0) continue;
    if (absl::EqualsIgnoreCase(text, EnumShortName(value)) ||
        absl::EqualsIgnoreCase(text, value.name())) {
      return value.number();
    }
  }
  return UsageError(
      absl::StrCat("--", flag, " is one of ", EnumChoices(type), ", not \"", text, "\""));
}

}  // namespace refnet::ctl
