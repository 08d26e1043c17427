// A gtest fixture that runs one real refnet-server per suite and drives the
// refnetctl binary against it as a subprocess.
#pragma once

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "gtest/gtest.h"
#include "subprocess.h"

namespace refnet::ctl::testing {

// The value of the first `field: value` line of refnetctl output, or "".
std::string FieldOf(const std::string& output, absl::string_view field);

// Binaries come from the REFNET_SERVER_PATH and REFNETCTL_PATH compile
// definitions, or from the REFNET_SERVER and REFNETCTL environment variables.
// Tests are skipped while no server binary exists.
class RefnetctlTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite();
  static void TearDownTestSuite();
  void SetUp() override;

  // Runs `refnetctl --target <server> args...`.
  static CommandResult Ctl(std::vector<std::string> args);
  // Runs `refnetctl token --secret-file <server's secret> args...` and returns the token.
  static std::string Token(std::vector<std::string> args);
  // Creates firm `firm` with an admin `alice` and returns her token.
  static std::string BootstrapFirm(const std::string& firm);

 private:
  struct Suite;
  static Suite* suite_;
};

}  // namespace refnet::ctl::testing
