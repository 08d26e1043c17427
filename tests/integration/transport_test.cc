// The transport limits set on purpose, against a real server: request bodies
// that do not parse, idle client streams, concurrent streams per connection,
// ping floods and connection age.
#include <arpa/inet.h>
#include <grpcpp/generic/generic_stub.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <thread>

#include "grpc/health/v1/health.grpc.pb.h"
#include "gtest/gtest.h"
#include "tests/integration/support/refnet_fixture.h"

namespace refnet::testing {
namespace {

namespace v1 = ::refnet::v1;

// Sends `bytes` as the request body of `method`, as a client with another
// idea of the schema (or none) would.
grpc::Status CallRaw(const std::shared_ptr<grpc::Channel>& channel, const std::string& method,
                     const std::string& token, const std::string& bytes) {
  grpc::GenericStub stub(channel);
  grpc::Slice slice(bytes);
  grpc::ByteBuffer request(&slice, 1);
  grpc::ByteBuffer response;
  auto context = Authed(token);
  std::mutex mu;
  std::condition_variable done;
  bool finished = false;
  grpc::Status result;
  stub.UnaryCall(context.get(), method, grpc::StubOptions(), &request, &response,
                 [&](grpc::Status status) {
                   std::lock_guard<std::mutex> lock(mu);
                   result = std::move(status);
                   finished = true;
                   done.notify_one();
                 });
  std::unique_lock<std::mutex> lock(mu);
  done.wait(lock, [&] { return finished; });
  return result;
}

// Not a protobuf message: field 1 as a varint that never ends.
const std::string kGarbage = "\x08\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff";

using UnparsedRequestTest = RefnetTest;

TEST_F(UnparsedRequestTest, ABodyThatDoesNotParseIsInvalidArgumentSayingSo) {
  TestFirm firm = NewFirm();
  EXPECT_STATUS(CallRaw(server().channel(), "/refnet.v1.ContactService/GetContact",
                        firm.admin_token, kGarbage),
                INVALID_ARGUMENT, "cannot be parsed as refnet.v1.GetContactRequest");
  EXPECT_STATUS(CallRaw(server().channel(), "/refnet.v1.LedgerService/RecordFavour",
                        firm.admin_token, kGarbage),
                INVALID_ARGUMENT, "cannot be parsed as refnet.v1.RecordFavourRequest");
  // gRPC's own health service parses its requests itself.
  EXPECT_STATUS(CallRaw(server().channel(), "/grpc.health.v1.Health/Check", "", kGarbage),
                INVALID_ARGUMENT, "parse");
  // A method that does not exist is still UNIMPLEMENTED.
  EXPECT_EQ(
      CallRaw(server().channel(), "/refnet.v1.ContactService/NoSuchMethod", firm.admin_token, "")
          .error_code(),
      grpc::StatusCode::UNIMPLEMENTED);
  // And a body that parses still works.
  v1::GetContactRequest get;
  get.set_name(firm.Contact("ghost"));
  EXPECT_EQ(CallRaw(server().channel(), "/refnet.v1.ContactService/GetContact", firm.admin_token,
                    get.SerializeAsString())
                .error_code(),
            grpc::StatusCode::NOT_FOUND);
}

TEST_F(UnparsedRequestTest, AStreamMessageThatDoesNotParseImportsNothing) {
  TestFirm firm = NewFirm();
  grpc::GenericStub stub(server().channel());
  auto context = Authed(firm.admin_token);
  grpc::CompletionQueue queue;
  auto call = stub.PrepareCall(context.get(), "/refnet.v1.ContactService/ImportContacts", &queue);
  void* tag = nullptr;
  bool ok = false;
  auto step = [&](intptr_t expected) {
    ASSERT_TRUE(queue.Next(&tag, &ok));
    ASSERT_EQ(reinterpret_cast<intptr_t>(tag), expected);
  };
  call->StartCall(reinterpret_cast<void*>(1));
  step(1);
  v1::ImportContactsRequest first;
  first.set_parent(firm.name);
  first.set_request_id(NewRequestId());
  first.mutable_contact()->set_display_name("Would Be Imported");
  grpc::Slice good(first.SerializeAsString());
  grpc::ByteBuffer good_buffer(&good, 1);
  call->Write(good_buffer, reinterpret_cast<void*>(2));
  step(2);
  grpc::Slice bad(kGarbage);
  grpc::ByteBuffer bad_buffer(&bad, 1);
  call->Write(bad_buffer, reinterpret_cast<void*>(3));
  step(3);
  call->WritesDone(reinterpret_cast<void*>(4));
  step(4);
  grpc::Status status;
  call->Finish(&status, reinterpret_cast<void*>(5));
  step(5);
  EXPECT_STATUS(status, INVALID_ARGUMENT, "message 2 of the stream cannot be parsed");
  v1::ListContactsRequest list;
  list.set_parent(firm.name);
  v1::ListContactsResponse listed;
  ASSERT_TRUE(contacts().ListContacts(Authed(firm.admin_token).get(), list, &listed).ok());
  EXPECT_EQ(listed.contacts_size(), 0);
  queue.Shutdown();
  while (queue.Next(&tag, &ok)) {
  }
}

class StreamIdleTest : public RefnetTest {
 protected:
  static void SetUpTestSuite() { StartSuite({"--stream-idle-timeout=1s"}); }

  static v1::ImportContactsRequest Row(const TestFirm& firm, const std::string& name,
                                       const std::string& request_id = "") {
    v1::ImportContactsRequest row;
    row.set_parent(firm.name);
    row.set_request_id(request_id);
    row.mutable_contact()->set_display_name(name);
    return row;
  }
};

TEST_F(StreamIdleTest, AStreamThatSendsNothingIsEnded) {
  TestFirm firm = NewFirm();
  v1::ImportContactsResponse response;
  auto context = Authed(firm.admin_token);
  auto writer = contacts().ImportContacts(context.get(), &response);
  ASSERT_TRUE(writer->Write(Row(firm, "Sent Then Silent", NewRequestId())));
  // Nothing more: the server ends the stream, and imports nothing.
  grpc::Status status = writer->Finish();
  EXPECT_STATUS(status, DEADLINE_EXCEEDED, "the stream sent nothing for 1s");
  v1::ListContactsRequest list;
  list.set_parent(firm.name);
  v1::ListContactsResponse listed;
  ASSERT_TRUE(contacts().ListContacts(Authed(firm.admin_token).get(), list, &listed).ok());
  EXPECT_EQ(listed.contacts_size(), 0);
}

TEST_F(StreamIdleTest, AStreamThatKeepsSendingIsNotEnded) {
  TestFirm firm = NewFirm();
  v1::ImportContactsResponse response;
  auto context = Authed(firm.admin_token);
  auto writer = contacts().ImportContacts(context.get(), &response);
  ASSERT_TRUE(writer->Write(Row(firm, "Row 0", NewRequestId())));
  // Four rows over two seconds, each well within the idle timeout.
  for (int i = 1; i <= 4; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    v1::ImportContactsRequest row;
    row.mutable_contact()->set_display_name("Row " + std::to_string(i));
    ASSERT_TRUE(writer->Write(row));
  }
  writer->WritesDone();
  grpc::Status status = writer->Finish();
  EXPECT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(response.created(), 5);
}

class MaxStreamsTest : public RefnetTest {
 protected:
  static void SetUpTestSuite() { StartSuite({"--max-concurrent-streams=2"}); }
};

TEST_F(MaxStreamsTest, ACallBeyondTheConnectionsStreamsWaitsForOne) {
  TestFirm firm = NewFirm();
  // A connection of its own, with two streams open on it.
  grpc::ChannelArguments args;
  args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
  auto channel =
      grpc::CreateCustomChannel(server().address(), grpc::InsecureChannelCredentials(), args);
  auto stub = v1::ContactService::NewStub(channel);
  std::vector<std::unique_ptr<grpc::ClientContext>> contexts;
  std::vector<std::unique_ptr<grpc::ClientWriter<v1::ImportContactsRequest>>> streams;
  v1::ImportContactsResponse responses[2];
  for (int i = 0; i < 2; ++i) {
    contexts.push_back(Authed(firm.admin_token));
    streams.push_back(stub->ImportContacts(contexts.back().get(), &responses[i]));
    v1::ImportContactsRequest row;
    row.set_parent(firm.name);
    row.set_request_id(NewRequestId());
    row.mutable_contact()->set_display_name("Held " + std::to_string(i));
    ASSERT_TRUE(streams.back()->Write(row));
  }
  auto health = grpc::health::v1::Health::NewStub(channel);
  grpc::health::v1::HealthCheckResponse out;
  grpc::ClientContext waiting;
  waiting.set_deadline(std::chrono::system_clock::now() + std::chrono::milliseconds(500));
  EXPECT_EQ(health->Check(&waiting, {}, &out).error_code(), grpc::StatusCode::DEADLINE_EXCEEDED);
  // Another connection is not held up.
  auto other = grpc::health::v1::Health::NewStub(
      grpc::CreateCustomChannel(server().address(), grpc::InsecureChannelCredentials(), args));
  EXPECT_TRUE(other->Check(Authed("").get(), {}, &out).ok());
  // Once a stream ends, the connection takes the call.
  streams[0]->WritesDone();
  grpc::Status finished = streams[0]->Finish();
  EXPECT_TRUE(finished.ok()) << finished.error_message();
  EXPECT_TRUE(health->Check(Authed("").get(), {}, &out).ok());
  streams[1]->WritesDone();
  finished = streams[1]->Finish();
  EXPECT_TRUE(finished.ok()) << finished.error_message();
}

class ConnectionAgeTest : public RefnetTest {
 protected:
  static void SetUpTestSuite() {
    StartSuite({"--max-connection-age=1s", "--max-connection-age-grace=30s"});
  }
};

TEST_F(ConnectionAgeTest, OldConnectionsAreClosedButTheirCallsFinish) {
  TestFirm firm = NewFirm();
  grpc::ChannelArguments args;
  args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
  auto channel =
      grpc::CreateCustomChannel(server().address(), grpc::InsecureChannelCredentials(), args);
  auto stub = v1::ContactService::NewStub(channel);
  v1::ImportContactsResponse response;
  auto context = Authed(firm.admin_token);
  auto writer = stub->ImportContacts(context.get(), &response);
  v1::ImportContactsRequest row;
  row.set_parent(firm.name);
  row.set_request_id(NewRequestId());
  row.mutable_contact()->set_display_name("Started Young");
  ASSERT_TRUE(writer->Write(row));
  ASSERT_EQ(channel->GetState(false), GRPC_CHANNEL_READY);
  // The server sends GOAWAY once the connection is a second old: the channel
  // leaves READY, so its next calls go to a new connection.
  EXPECT_TRUE(channel->WaitForStateChange(
      GRPC_CHANNEL_READY, std::chrono::system_clock::now() + std::chrono::seconds(10)));
  // The stream on the old connection runs on within the grace period.
  row.Clear();
  row.mutable_contact()->set_display_name("Finished Old");
  ASSERT_TRUE(writer->Write(row));
  writer->WritesDone();
  grpc::Status status = writer->Finish();
  EXPECT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(response.created(), 2);
  auto health = grpc::health::v1::Health::NewStub(channel);
  grpc::health::v1::HealthCheckResponse out;
  EXPECT_TRUE(health->Check(Authed("").get(), {}, &out).ok());
}

// A bare HTTP/2 client: the connection preface, then frames by hand.
class RawHttp2 {
 public:
  explicit RawHttp2(int port) {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0;
    timeval timeout{10, 0};
    setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout));
    Send("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n");
    Frame(0x4, 0, "");  // SETTINGS, all defaults
  }
  ~RawHttp2() { close(fd_); }

  bool connected() const { return connected_; }

  void Frame(uint8_t type, uint8_t flags, const std::string& payload) {
    std::string frame;
    frame.push_back(static_cast<char>((payload.size() >> 16) & 0xff));
    frame.push_back(static_cast<char>((payload.size() >> 8) & 0xff));
    frame.push_back(static_cast<char>(payload.size() & 0xff));
    frame.push_back(static_cast<char>(type));
    frame.push_back(static_cast<char>(flags));
    frame.append(4, '\0');  // stream 0
    Send(frame + payload);
  }

  // Reads frames until one of `type` arrives; its payload, or nullopt when
  // the connection closes or nothing comes for 10 s.
  std::optional<std::string> ReadUntil(uint8_t type) {
    while (true) {
      std::optional<std::string> header = Read(9);
      if (!header) return std::nullopt;
      size_t length = (static_cast<uint8_t>((*header)[0]) << 16) |
                      (static_cast<uint8_t>((*header)[1]) << 8) |
                      static_cast<uint8_t>((*header)[2]);
      std::optional<std::string> payload = Read(length);
      if (!payload) return std::nullopt;
      if (static_cast<uint8_t>((*header)[3]) == type) return payload;
    }
  }

 private:
  void Send(const std::string& bytes) {
    if (write(fd_, bytes.data(), bytes.size()) != static_cast<ssize_t>(bytes.size())) {
      connected_ = false;
    }
  }

  std::optional<std::string> Read(size_t length) {
    std::string bytes(length, '\0');
    size_t got = 0;
    while (got < length) {
      ssize_t n = read(fd_, bytes.data() + got, length - got);
      if (n <= 0) return std::nullopt;
      got += static_cast<size_t>(n);
    }
    return bytes;
  }

  int fd_ = -1;
  bool connected_ = false;
};

using PingFloodTest = RefnetTest;

TEST_F(PingFloodTest, AClientThatFloodsPingsGetsGoAway) {
  int port = std::stoi(server().address().substr(server().address().rfind(':') + 1));
  RawHttp2 client(port);
  ASSERT_TRUE(client.connected());
  for (int i = 0; i < 10; ++i) client.Frame(0x6, 0, std::string(8, static_cast<char>(i)));
  std::optional<std::string> goaway = client.ReadUntil(0x7);
  ASSERT_TRUE(goaway.has_value()) << "the connection ended without GOAWAY";
  ASSERT_GE(goaway->size(), 8u);
  uint32_t code = (static_cast<uint8_t>((*goaway)[4]) << 24) |
                  (static_cast<uint8_t>((*goaway)[5]) << 16) |
                  (static_cast<uint8_t>((*goaway)[6]) << 8) | static_cast<uint8_t>((*goaway)[7]);
  EXPECT_EQ(code, 0xbu);  // ENHANCE_YOUR_CALM
  EXPECT_NE(goaway->substr(8).find("too_many_pings"), std::string::npos) << goaway->substr(8);
  // Other clients are served as before.
  grpc::health::v1::HealthCheckResponse out;
  EXPECT_TRUE(grpc::health::v1::Health::NewStub(server().channel())
                  ->Check(Authed("").get(), {}, &out)
                  .ok());
}

TEST_F(PingFloodTest, AClientThatPingsPolitelyKeepsItsConnection) {
  int port = std::stoi(server().address().substr(server().address().rfind(':') + 1));
  RawHttp2 client(port);
  ASSERT_TRUE(client.connected());
  client.Frame(0x6, 0, std::string(8, 'a'));
  std::optional<std::string> ack = client.ReadUntil(0x6);
  ASSERT_TRUE(ack.has_value());
  EXPECT_EQ(*ack, std::string(8, 'a'));
}

}  // namespace
}  // namespace refnet::testing
