// Readable rendering of a List response: a compact table of its items, then
// `next page: <token>` when there are more.
#pragma once

#include <ostream>

#include "google/protobuf/message.h"

namespace refnet::ctl {

// `response` is any List*Response: one repeated message field of items and
// a `next_page_token`.
void PrintList(const google::protobuf::Message& response, std::ostream& out);

}  // namespace refnet::ctl
