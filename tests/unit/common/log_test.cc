// The per-call log line: a JSON object with the same fields whichever way it
// is built, escaping what needs escaping.
#include "services/common/log.h"

#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <memory>
#include <sstream>
#include <string>

#include "gtest/gtest.h"

namespace refnet {
namespace {

class LogRpcTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto logger = std::make_shared<spdlog::logger>(
        "test", std::make_shared<spdlog::sinks::ostream_sink_mt>(out_));
    logger->set_pattern("%v");
    previous_ = spdlog::default_logger();
    spdlog::set_default_logger(logger);
  }
  void TearDown() override { spdlog::set_default_logger(previous_); }

  // The one line logged since the last call, parsed.
  nlohmann::json Logged() {
    std::string text = out_.str();
    out_.str("");
    EXPECT_EQ(text.find('\n'), text.size() - 1) << text;
    nlohmann::json event = nlohmann::json::parse(text, nullptr, false);
    EXPECT_FALSE(event.is_discarded()) << "not JSON: " << text;
    return event;
  }

  static RpcLogLine Line() {
    RpcLogLine line;
    line.method = "/refnet.v1.LedgerService/GetBalance";
    line.code = "OK";
    line.duration_ms = 0.125;
    line.firm = "acme";
    line.member = "ann";
    line.role = "member";
    return line;
  }

  std::ostringstream out_;
  std::shared_ptr<spdlog::logger> previous_;
};

TEST_F(LogRpcTest, AnAnsweredCallHasEveryField) {
  LogRpc(Line());
  nlohmann::json event = Logged();
  EXPECT_EQ(event["msg"], "rpc");
  EXPECT_EQ(event["level"], "info");
  EXPECT_EQ(event["method"], "/refnet.v1.LedgerService/GetBalance");
  EXPECT_EQ(event["code"], "OK");
  EXPECT_DOUBLE_EQ(event["duration_ms"].get<double>(), 0.125);
  EXPECT_EQ(event["firm"], "acme");
  EXPECT_EQ(event["member"], "ann");
  EXPECT_EQ(event["role"], "member");
  EXPECT_FALSE(event.contains("error"));
  // RFC 3339 in UTC with microseconds.
  std::string ts = event["ts"];
  ASSERT_EQ(ts.size(), 27u) << ts;
  EXPECT_EQ(ts[10], 'T');
  EXPECT_EQ(ts[19], '.');
  EXPECT_EQ(ts.back(), 'Z');
}

TEST_F(LogRpcTest, QuotesAndBackslashesAreEscaped) {
  RpcLogLine line = Line();
  line.code = "INVALID_ARGUMENT";
  line.error = R"(contact.display_name: "a\b" is too long)";
  LogRpc(line);
  nlohmann::json event = Logged();
  EXPECT_EQ(event["error"], R"(contact.display_name: "a\b" is too long)");
  EXPECT_EQ(event["level"], "info");
}

TEST_F(LogRpcTest, ControlCharactersAndOtherBytesStayValidJson) {
  RpcLogLine line = Line();
  line.code = "INTERNAL";
  line.server_fault = true;
  std::string error = "line one\nline two\ttabbed, caf\xc3\xa9, and a stray \xff byte";
  line.error = error;
  LogRpc(line);
  nlohmann::json event = Logged();
  EXPECT_EQ(event["level"], "error");
  std::string logged = event["error"];
  EXPECT_EQ(logged.substr(0, 26), "line one\nline two\ttabbed, ");
  EXPECT_NE(logged.find("caf\xc3\xa9"), std::string::npos);
}

TEST_F(LogRpcTest, ACallWithoutAPrincipalLeavesItsFieldsOut) {
  RpcLogLine line;
  line.method = "/refnet.v1.ContactService/GetContact";
  line.code = "UNAUTHENTICATED";
  line.error = "missing \"authorization: Bearer <token>\" metadata";
  LogRpc(line);
  nlohmann::json event = Logged();
  EXPECT_FALSE(event.contains("firm"));
  EXPECT_FALSE(event.contains("member"));
  EXPECT_FALSE(event.contains("role"));
  EXPECT_EQ(event["error"], "missing \"authorization: Bearer <token>\" metadata");
}

}  // namespace
}  // namespace refnet
