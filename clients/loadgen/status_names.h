// gRPC status codes by the names operators know (`DEADLINE_EXCEEDED`), plus
// the load generator's own outcome for calls it never sent.
#pragma once

#include <string>

namespace refnet::loadgen {

// An open-loop call that was not sent because too many were outstanding.
inline constexpr int kDroppedCode = -1;

// `OK`, `CANCELLED`, ... `UNAUTHENTICATED`; `DROPPED` for kDroppedCode;
// `CODE_<n>` for anything else.
std::string StatusCodeName(int code);

}  // namespace refnet::loadgen
