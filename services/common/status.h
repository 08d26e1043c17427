// Helpers for building precise statuses and mapping them to gRPC at the edge.
#pragma once

#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace refnet {

// INVALID_ARGUMENT whose message starts with the offending field's path.
absl::Status FieldError(absl::string_view field, absl::string_view problem);

// Prefixes a NOT_FOUND message with the field that named the missing
// resource, so every caller-facing error names its field. Other statuses pass.
absl::Status NotFoundIn(absl::Status status, absl::string_view field);
template <typename T>
absl::StatusOr<T> NotFoundIn(absl::StatusOr<T> value, absl::string_view field) {
  if (value.ok()) return value;
  return NotFoundIn(value.status(), field);
}

// Checks a condition on input; on failure returns FieldError(field, problem).
#define REFNET_CHECK_FIELD(cond, field, problem)                  \
  do {                                                            \
    if (!(cond)) return ::refnet::FieldError((field), (problem)); \
  } while (0)

// Propagates a non-OK absl::Status.
#define REFNET_RETURN_IF_ERROR(expr)                 \
  do {                                               \
    ::absl::Status refnet_status_ = (expr);          \
    if (!refnet_status_.ok()) return refnet_status_; \
  } while (0)

#define REFNET_CONCAT_INNER(a, b) a##b
#define REFNET_CONCAT(a, b) REFNET_CONCAT_INNER(a, b)
#define REFNET_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                                 \
  if (!tmp.ok()) return tmp.status();                \
  lhs = std::move(*tmp)
// Assigns the value of an absl::StatusOr<T> or propagates its error.
#define REFNET_ASSIGN_OR_RETURN(lhs, expr) \
  REFNET_ASSIGN_OR_RETURN_IMPL(REFNET_CONCAT(refnet_statusor_, __LINE__), lhs, expr)

}  // namespace refnet
