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

class ContactGrpcService final : public refnet::v1::ContactService::Service {
 public:
  ContactGrpcService(rpc::CallRunner& runner, storage::Store& store, ContactBook& book,
                     ledger::Ledger& ledger, ledger::BalanceCache& balances)
      : runner_(runner), store_(store), book_(book), ledger_(ledger), balances_(balances) {}

  // Contacts (contact_grpc.cc).
  grpc::Status CreateContact(grpc::ServerContext* context,
                             const refnet::v1::CreateContactRequest* request,
                             refnet::v1::Contact* response) override;
  grpc::Status GetContact(grpc::ServerContext* context,
                          const refnet::v1::GetContactRequest* request,
                          refnet::v1::Contact* response) override;
  grpc::Status ListContacts(grpc::ServerContext* context,
                            const refnet::v1::ListContactsRequest* request,
                            refnet::v1::ListContactsResponse* response) override;
  grpc::Status UpdateContact(grpc::ServerContext* context,
                             const refnet::v1::UpdateContactRequest* request,
                             refnet::v1::Contact* response) override;
  grpc::Status DeleteContact(grpc::ServerContext* context,
                             const refnet::v1::DeleteContactRequest* request,
                             refnet::v1::Contact* response) override;
  grpc::Status MergeContacts(grpc::ServerContext* context,
                             const refnet::v1::MergeContactsRequest* request,
                             refnet::v1::Contact* response) override;

  // The graph (graph_grpc.cc).
  grpc::Status SetRelationship(grpc::ServerContext* context,
                               const refnet::v1::SetRelationshipRequest* request,
                               refnet::v1::Relationship* response) override;
  grpc::Status ListRelationships(grpc::ServerContext* context,
                                 const refnet::v1::ListRelationshipsRequest* request,
                                 refnet::v1::ListRelationshipsResponse* response) override;
  grpc::Status LogInteraction(grpc::ServerContext* context,
                              const refnet::v1::LogInteractionRequest* request,
                              refnet::v1::Interaction* response) override;
  grpc::Status ListInteractions(grpc::ServerContext* context,
                                const refnet::v1::ListInteractionsRequest* request,
                                refnet::v1::ListInteractionsResponse* response) override;
  grpc::Status ConnectContacts(grpc::ServerContext* context,
                               const refnet::v1::ConnectContactsRequest* request,
                               refnet::v1::Connection* response) override;
  grpc::Status ListConnections(grpc::ServerContext* context,
                               const refnet::v1::ListConnectionsRequest* request,
                               refnet::v1::ListConnectionsResponse* response) override;

 private:
  rpc::CallRunner& runner_;
  storage::Store& store_;
  ContactBook& book_;
  ledger::Ledger& ledger_;
  ledger::BalanceCache& balances_;
};

}  // namespace refnet::contacts
