// Runs a built program as a subprocess and collects its exit code and output.
#pragma once

#include <string>
#include <vector>

namespace refnet::loadgen::testing {

struct ProgramResult {
  int exit_code = -1;  // the exit status, or 128 + signal number
  std::string out;
  std::string err;
};

// Runs `path args...` with its output in files under `folder`; kills it
// after `timeout_s` seconds.
ProgramResult RunProgram(const std::string& path, const std::vector<std::string>& args,
                         const std::string& folder, int timeout_s);

}  // namespace refnet::loadgen::testing
