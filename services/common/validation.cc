// Field validators shared by every area's transport layer.
#include "services/common/validation.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "services/common/limits.h"
#include "services/common/status.h"

namespace refnet {
namespace {

// Accepts well-formed UTF-8 sequences of one to four bytes.
bool IsValidUtf8(absl::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t extra = 0;
    if (c < 0x80) {
      extra = 0;
    } else if ((c >> 5) == 0x6) {
      extra = 1;
    } else if ((c >> 4) == 0xE) {
      extra = 2;
    } else if ((c >> 3) == 0x1E) {
      extra = 3;
    } else {
      return false;
    }
    if (i + extra >= s.size() && extra > 0) return false;
    for (size_t k = 1; k <= extra; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) >> 6) != 0x2) return false;
    }
    i += extra + 1;
  }
  return true;
}

bool HasControl(absl::string_view s) {
  for (char c : s) {
    if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t' && c != '\r') return true;
  }
  return false;
}

}  // namespace

absl::Status ValidateOptionalText(absl::string_view value, absl::string_view field,
                                  size_t length_max) {
  if (value.size() > length_max) {
    return FieldError(field, absl::StrCat("is longer than ", length_max, " bytes"));
  }
  if (!IsValidUtf8(value)) return FieldError(field, "is not valid UTF-8");
  if (HasControl(value)) return FieldError(field, "contains control characters");
  return absl::OkStatus();
}

absl::Status ValidateRequiredText(absl::string_view value, absl::string_view field,
                                  size_t length_max) {
  if (absl::StripAsciiWhitespace(value).empty()) return FieldError(field, "is required");
  return ValidateOptionalText(value, field, length_max);
}

absl::Status ValidateTextList(const std::vector<std::string>& values, absl::string_view field,
                              size_t count_max, size_t length_max) {
  if (values.size() > count_max) {
    return FieldError(field, absl::StrCat("has more than ", count_max, " entries"));
  }
  for (size_t i = 0; i < values.size(); ++i) {
    REFNET_RETURN_IF_ERROR(
        ValidateRequiredText(values[i], absl::StrCat(field, "[", i, "]"), length_max));
  }
  return absl::OkStatus();
}

absl::Status ValidateEmail(absl::string_view email, absl::string_view field) {
  REFNET_RETURN_IF_ERROR(ValidateRequiredText(email, field, limits::kEmailLengthMax));
  size_t at = email.find('@');
  bool ok =
      at != absl::string_view::npos && at > 0 && email.find('@', at + 1) == absl::string_view::npos;
  if (ok) {
    absl::string_view domain = email.substr(at + 1);
    size_t dot = domain.find('.');
    ok = !domain.empty() && dot != absl::string_view::npos && dot > 0 && domain.back() != '.' &&
         domain.find("..") == absl::string_view::npos;
  }
  for (char c : email) {
    if (absl::ascii_isspace(static_cast<unsigned char>(c)) || c == ',' || c == ';' || c == '<' ||
        c == '>')
      ok = false;
  }
  if (!ok) return FieldError(field, absl::StrCat("\"", email, "\" is not a valid email address"));
  return absl::OkStatus();
}

absl::Status ValidatePhone(absl::string_view phone, absl::string_view field) {
  REFNET_RETURN_IF_ERROR(ValidateRequiredText(phone, field, limits::kPhoneLengthMax));
  int digits = 0;
  bool ok = true;
  for (size_t i = 0; i < phone.size(); ++i) {
    char c = phone[i];
    if (absl::ascii_isdigit(static_cast<unsigned char>(c))) {
      ++digits;
    } else if (c == '+') {
      ok = ok && i == 0;
    } else if (c != ' ' && c != '-' && c != '.' && c != '(' && c != ')') {
      ok = false;
    }
  }
  if (!ok || digits < 5 || digits > 20) {
    return FieldError(field, absl::StrCat("\"", phone, "\" is not a valid phone number"));
  }
  return absl::OkStatus();
}

absl::Status ValidateRequestId(absl::string_view request_id) {
  if (request_id.empty()) return absl::OkStatus();
  bool ok = request_id.size() == 36;
  for (size_t i = 0; ok && i < request_id.size(); ++i) {
    char c = request_id[i];
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      ok = c == '-';
    } else {
      ok = absl::ascii_isxdigit(static_cast<unsigned char>(c));
    }
  }
  if (!ok)
    return FieldError("request_id", "must be a UUID such as 123e4567-e89b-12d3-a456-426614174000");
  return absl::OkStatus();
}

absl::StatusOr<int32_t> ResolvePageSize(int32_t page_size) {
  if (page_size < 0) return FieldError("page_size", "must not be negative");
  if (page_size == 0) return limits::kPageSizeDefault;
  return std::min(page_size, limits::kPageSizeMax);
}

std::string LowerAscii(absl::string_view s) { return absl::AsciiStrToLower(s); }

}  // namespace refnet
