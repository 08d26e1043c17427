// refnet.v1.ContactService over gRPC: parse names, check access, validate,
// then hand over to ContactBook inside a store transaction.
#pragma once

#include "refnet/v1/contact_service.grpc.pb.h"
#include "services/common/rpc/call_runner.h"
#include "services/contacts/domain/contact_book.h"
#include "services/ledger/cache/balance_cache.h"
#include "services/ledger/domain/ledger.h"
#include "services/storage/store.h"

namespace refnet::contacts {

// ImportContacts reads its stream as raw bytes and parses each message
// itself: gRPC would report a message that does not parse as the end of the
// stream, and the rows before it would be imported.
class ContactGrpcService final
    : public refnet::v1::ContactService::WithRawCallbackMethod_ImportContacts<
          refnet::v1::ContactService::CallbackService> {
 public:
  // An import stream that sends nothing for `stream_idle_timeout` is ended
  // with DEADLINE_EXCEEDED.
  ContactGrpcService(rpc::CallRunner& runner, storage::Store& store, ContactBook& book,
                     ledger::Ledger& ledger, ledger::BalanceCache& balances,
                     absl::Duration stream_idle_timeout)
      : runner_(runner),
        store_(store),
        book_(book),
        ledger_(ledger),
        balances_(balances),
        stream_idle_timeout_(stream_idle_timeout) {}

  // Contacts (contact_grpc.cc).
  grpc::ServerUnaryReactor* CreateContact(grpc::CallbackServerContext* context,
                                          const refnet::v1::CreateContactRequest* request,
                                          refnet::v1::Contact* response) override;
  grpc::ServerUnaryReactor* GetContact(grpc::CallbackServerContext* context,
                                       const refnet::v1::GetContactRequest* request,
                                       refnet::v1::Contact* response) override;
  grpc::ServerUnaryReactor* ListContacts(grpc::CallbackServerContext* context,
                                         const refnet::v1::ListContactsRequest* request,
                                         refnet::v1::ListContactsResponse* response) override;
  grpc::ServerUnaryReactor* UpdateContact(grpc::CallbackServerContext* context,
                                          const refnet::v1::UpdateContactRequest* request,
                                          refnet::v1::Contact* response) override;
  grpc::ServerUnaryReactor* DeleteContact(grpc::CallbackServerContext* context,
                                          const refnet::v1::DeleteContactRequest* request,
                                          refnet::v1::Contact* response) override;
  grpc::ServerUnaryReactor* MergeContacts(grpc::CallbackServerContext* context,
                                          const refnet::v1::MergeContactsRequest* request,
                                          refnet::v1::Contact* response) override;
  // Event batches (import_grpc.cc).
  grpc::ServerReadReactor<grpc::ByteBuffer>* ImportContacts(grpc::CallbackServerContext* context,
                                                            grpc::ByteBuffer* response) override;

  // The graph (graph_grpc.cc).
  grpc::ServerUnaryReactor* SetRelationship(grpc::CallbackServerContext* context,
                                            const refnet::v1::SetRelationshipRequest* request,
                                            refnet::v1::Relationship* response) override;
  grpc::ServerUnaryReactor* ListRelationships(
      grpc::CallbackServerContext* context, const refnet::v1::ListRelationshipsRequest* request,
      refnet::v1::ListRelationshipsResponse* response) override;
  grpc::ServerUnaryReactor* LogInteraction(grpc::CallbackServerContext* context,
                                           const refnet::v1::LogInteractionRequest* request,
                                           refnet::v1::Interaction* response) override;
  grpc::ServerUnaryReactor* ListInteractions(
      grpc::CallbackServerContext* context, const refnet::v1::ListInteractionsRequest* request,
      refnet::v1::ListInteractionsResponse* response) override;
  grpc::ServerUnaryReactor* ConnectContacts(grpc::CallbackServerContext* context,
                                            const refnet::v1::ConnectContactsRequest* request,
                                            refnet::v1::Connection* response) override;
  grpc::ServerUnaryReactor* ListConnections(grpc::CallbackServerContext* context,
                                            const refnet::v1::ListConnectionsRequest* request,
                                            refnet::v1::ListConnectionsResponse* response) override;

 private:
  rpc::CallRunner& runner_;
  storage::Store& store_;
  ContactBook& book_;
  ledger::Ledger& ledger_;
  ledger::BalanceCache& balances_;
  const absl::Duration stream_idle_timeout_;
};

}  // namespace refnet::contacts
