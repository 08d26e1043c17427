// Etags are derived from a resource's version, which rises on every change.
#pragma once

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"

namespace refnet {

inline std::string EtagFor(int64_t version) { return absl::StrCat("W/\"", version, "\""); }

// OK when `etag` is empty (no precondition) or names `version`; ABORTED otherwise.
inline absl::Status CheckEtag(absl::string_view etag, int64_t version, absl::string_view what) {
  if (etag.empty() || etag == EtagFor(version)) return absl::OkStatus();
  return absl::AbortedError(absl::StrCat("etag: ", what, " has changed since it was read (now ",
                                         EtagFor(version), "); read it again and retry"));
}

}  // namespace refnet
