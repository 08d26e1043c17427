// Calling refnet: the channel, per-call metadata and deadline, and the
// generic unary and paginated calls every command is made of.
#pragma once

#include <memory>
#include <ostream>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "clients/refnetctl/command.h"
#include "clients/refnetctl/global_options.h"
#include "clients/refnetctl/list_printer.h"
#include "clients/refnetctl/message_printer.h"
#include "grpcpp/channel.h"
#include "grpcpp/client_context.h"
#include "grpcpp/support/status.h"

namespace refnet::ctl {

// Following --all stops here; a server that never ends a listing is a bug.
inline constexpr int kPagesMax = 10000;

// A channel with the options' credentials: plaintext or TLS.
std::shared_ptr<grpc::Channel> MakeChannel(const GlobalOptions& options);

// Adds the bearer token and the deadline to a call.
void PrepareContext(const GlobalOptions& options, grpc::ClientContext* context);

absl::Status FromGrpcStatus(const grpc::Status& status);

// Prints a response as JSON or as `field: value` lines.
absl::Status PrintResource(const CommandEnv& env, const google::protobuf::Message& message);

// Prints a List response as JSON or as a table.
absl::Status PrintListResponse(const CommandEnv& env, const google::protobuf::Message& response);

template <typename Stub, typename Request, typename Response>
using UnaryMethod = grpc::Status (Stub::*)(grpc::ClientContext*, const Request&, Response*);

template <typename Stub, typename Request, typename Response>
absl::Status CallOnce(const CommandEnv& env, UnaryMethod<Stub, Request, Response> method,
                      const Request& request, Response* response) {
  Stub stub(env.channel);
  grpc::ClientContext context;
  PrepareContext(env.options, &context);
  return FromGrpcStatus((stub.*method)(&context, request, response));
}

// Prints JSON under --json, and otherwise the readable text `kText` writes.
template <typename Message, void (*kText)(const Message&, std::ostream&)>
absl::Status PrintText(const CommandEnv& env, const Message& message) {
  if (env.options.json) return PrintResource(env, message);
  kText(message, env.out);
  return absl::OkStatus();
}

template <typename Stub, typename Request, typename Response,
          typename Print = decltype(&PrintResource)>
absl::Status CallAndPrint(const CommandEnv& env, UnaryMethod<Stub, Request, Response> method,
                          const Request& request, Print print = &PrintResource) {
  Response response;
  absl::Status status = CallOnce(env, method, request, &response);
  if (!status.ok()) return status;
  return print(env, response);
}

// Lists one page, or every page with --all (then printed as one list).
template <typename Stub, typename Request, typename Response,
          typename Print = decltype(&PrintListResponse)>
absl::Status ListAndPrint(const CommandEnv& env, UnaryMethod<Stub, Request, Response> method,
                          Request request, Print print = &PrintListResponse) {
  Response all;
  for (int page = 0; page < kPagesMax; ++page) {
    Response response;
    absl::Status status = CallOnce(env, method, request, &response);
    if (!status.ok()) return status;
    if (!env.args.Bool("all")) return print(env, response);
    all.MergeFrom(response);
    if (response.next_page_token().empty()) {
      all.clear_next_page_token();
      return print(env, all);
    }
    if (response.next_page_token() == request.page_token()) {
      return absl::InternalError("the server returned the same page token twice");
    }
    request.set_page_token(response.next_page_token());
  }
  return absl::ResourceExhaustedError("--all stopped after too many pages");
}

// A command that builds one request and prints the one response.
template <auto kBuild, auto kMethod, auto kPrint = &PrintResource>
absl::Status RunUnary(CommandEnv& env) {
  auto request = kBuild(env.args, env.options);
  if (!request.ok()) return request.status();
  return CallAndPrint(env, kMethod, *request, kPrint);
}

// A command that builds one List request and prints its page(s).
template <auto kBuild, auto kMethod, auto kPrint = &PrintListResponse>
absl::Status RunList(CommandEnv& env) {
  auto request = kBuild(env.args, env.options);
  if (!request.ok()) return request.status();
  return ListAndPrint(env, kMethod, *std::move(request), kPrint);
}

}  // namespace refnet::ctl
