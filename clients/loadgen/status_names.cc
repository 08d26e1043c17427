// Names come from abseil, whose codes and spellings are gRPC's.
#include "clients/loadgen/status_names.h"

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace refnet::loadgen {

std::string StatusCodeName(int code) {
  if (code == kDroppedCode) return "DROPPED";
  std::string name = absl::StatusCodeToString(static_cast<absl::StatusCode>(code));
  return name.empty() ? absl::StrCat("CODE_", code) : name;
}

}  // namespace refnet::loadgen
