// Status helpers shared by every layer.
#include "services/common/status.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"

namespace refnet {

absl::Status FieldError(absl::string_view field, absl::string_view problem) {
  return absl::InvalidArgumentError(absl::StrCat(field, ": ", problem));
}

absl::Status NotFoundIn(absl::Status status, absl::string_view field) {
  if (!absl::IsNotFound(status) || absl::StartsWith(status.message(), field)) return status;
  return absl::NotFoundError(absl::StrCat(field, ": ", status.message()));
}

}  // namespace refnet
