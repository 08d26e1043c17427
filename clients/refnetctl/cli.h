// The whole of refnetctl as a function: words in, text and an exit code out.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "clients/refnetctl/global_options.h"

namespace refnet::ctl {

// Runs one command line (without the program name). Exit codes: 0 on
// success, 2 for usage errors, otherwise the gRPC status code of the failure.
int RunCli(const std::vector<std::string>& words, const EnvLookup& env, std::ostream& out,
           std::ostream& err);

}  // namespace refnet::ctl
