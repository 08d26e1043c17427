// Times are stored as microseconds since the Unix epoch.
#pragma once

#include <cstdint>

#include "absl/time/time.h"

namespace refnet::storage::sqlite {

inline int64_t ToMicros(absl::Time t) { return absl::ToUnixMicros(t); }
inline absl::Time FromMicros(int64_t us) { return absl::FromUnixMicros(us); }

}  // namespace refnet::storage::sqlite
