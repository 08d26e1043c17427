// refnet-loadgen: seeds a synthetic firm and measures a refnet server under load.
#include <grpc/support/log.h>

#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include "clients/loadgen/cli.h"

namespace {

void DropGrpcLog(gpr_log_func_args* /*args*/) {}

}  // namespace

int main(int argc, char** argv) {
  // Under load, gRPC logs one line per failed call; the report already counts
  // them. GRPC_VERBOSITY brings the lines back for debugging.
  if (std::getenv("GRPC_VERBOSITY") == nullptr) gpr_set_log_function(DropGrpcLog);
  std::vector<std::string> args(argv + 1, argv + argc);
  return refnet::loadgen::RunCli(args, std::cout, std::cerr);
}
