// refnetctl: the command line for refnet administrators and power users.
#include <grpc/support/log.h>

#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include "clients/refnetctl/cli.h"

namespace {

void DropGrpcLog(gpr_log_func_args* /*args*/) {}

}  // namespace

int main(int argc, char** argv) {
  // gRPC's own log lines repeat the one-line error refnetctl prints; they
  // come back when GRPC_VERBOSITY is set for debugging.
  if (std::getenv("GRPC_VERBOSITY") == nullptr) gpr_set_log_function(DropGrpcLog);
  std::vector<std::string> words(argv + 1, argv + argc);
  return refnet::ctl::RunCli(words, refnet::ctl::ProcessEnv(), std::cout, std::cerr);
}
