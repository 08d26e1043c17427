// The refnet-loadgen command line: `seed`, `seed-store`, `run` and `help`,
// and its exit codes.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace refnet::loadgen {

// 0: done; failed RPCs of `run` are reported, not fatal.
// 1: the target could not be reached, seeding left calls failed, or the
//    store could not be seeded.
// 2: a usage error.
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;

// Runs the command in `args` (argv without the program name).
int RunCli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace refnet::loadgen
