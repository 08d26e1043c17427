// Status helpers shared by every layer.
#include "absl/strings/string_view.h"
#include "services/common/status.h"

#include "absl/strings/str_cat.h"

namespace refnet {

absl::Status FieldError(absl::string_view field, absl::string_view problem) {
  return absl::InvalidArgumentError(absl::StrCat(field, ": ", problem));
}

}  // namespace refnet
