// The storage contract every adapter must meet: transactions are atomic,
// idempotency records replay the first answer, uniqueness holds, keyset
// pages are ordered. Each adapter is one entry of kStores.
#include <atomic>
#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <thread>

#include "gtest/gtest.h"
#include "services/common/clock.h"
#include "services/common/status.h"
#include "services/storage/sqlite/sqlite_store.h"
#include "services/storage/store.h"

namespace refnet::storage {
namespace {

class FixedClock final : public Clock {
 public:
  absl::Time Now() override { return absl::FromUnixSeconds(1800000000); }
};

struct StoreFactory {
  std::string name;
  // Opens a store in `folder`; opening twice reopens the same data.
  std::function<std::unique_ptr<Store>(const std::string& folder, Clock&)> open;
};

// Names the adapter in test output instead of dumping the struct's bytes.
void PrintTo(const StoreFactory& factory, std::ostream* out) { *out << factory.name; }

const StoreFactory kStores[] = {
    {"sqlite",
     [](const std::string& folder, Clock& clock) -> std::unique_ptr<Store> {
       auto store = sqlite::SqliteStore::Open(folder + "/refnet.db", clock);
       EXPECT_TRUE(store.ok()) << store.status();
       return store.ok() ? std::move(*store) : nullptr;
     }},
};

class StoreContractTest : public ::testing::TestWithParam<StoreFactory> {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/refnet-contract-XXXXXX";
    folder_ = mkdtemp(pattern);
    store_ = GetParam().open(folder_, clock_);
    ASSERT_NE(store_, nullptr);
    ASSERT_TRUE(Write(std::nullopt, [](Tx& tx) {
                  admin::Firm firm;
                  firm.id = "acme";
                  firm.display_name = "Acme";
                  return tx.Admin().InsertFirm(firm);
                }).ok());
  }
  void TearDown() override {
    store_.reset();
    std::string command = "rm -rf '" + folder_ + "'";
    ASSERT_EQ(std::system(command.c_str()), 0);
  }

  absl::StatusOr<std::string> Write(const std::optional<IdempotencyKey>& key,
                                    std::function<absl::Status(Tx&)> body,
                                    std::string response = "done") {
    return store_->Write(key, [&](Tx& tx) -> absl::StatusOr<std::string> {
      absl::Status status = body(tx);
      if (!status.ok()) return status;
      return response;
    });
  }

  static contacts::Contact NewContact(const std::string& id, std::vector<std::string> emails) {
    contacts::Contact c;
    c.firm_id = "acme";
    c.id = id;
    c.display_name = "Contact " + id;
    c.emails = std::move(emails);
    c.tags = {"t"};
    return c;
  }

  bool ContactExists(const std::string& id) {
    bool found = false;
    EXPECT_TRUE(store_
                    ->Read([&](Tx& tx) {
                      found = tx.Contacts().GetContact("acme", id).ok();
                      return absl::OkStatus();
                    })
                    .ok());
    return found;
  }

  FixedClock clock_;
  std::string folder_;
  std::unique_ptr<Store> store_;
};

TEST_P(StoreContractTest, AFailedWriteLeavesNothingBehind) {
  absl::StatusOr<std::string> result = Write(std::nullopt, [](Tx& tx) {
    contacts::Contact c = NewContact("ann", {"ann@x.test"});
    absl::Status inserted = tx.Contacts().InsertContact(c);
    if (!inserted.ok()) return inserted;
    return absl::InvalidArgumentError("contact.phones[0]: bad");
  });
  EXPECT_EQ(result.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_FALSE(ContactExists("ann"));
  // The email is free: the index rolled back with the row.
  EXPECT_TRUE(Write(std::nullopt, [](Tx& tx) {
                contacts::Contact c = NewContact("bo", {"ann@x.test"});
                return tx.Contacts().InsertContact(c);
              }).ok());
}

TEST_P(StoreContractTest, ARepeatedRequestReplaysTheFirstAnswer) {
  IdempotencyKey key{"acme", "123e4567-e89b-12d3-a456-426614174000", "fp-1"};
  int runs = 0;
  auto body = [&](Tx&) {
    ++runs;
    return absl::OkStatus();
  };
  EXPECT_EQ(*Write(key, body, "first"), "first");
  EXPECT_EQ(*Write(key, body, "second"), "first");
  EXPECT_EQ(runs, 1);
  IdempotencyKey changed = key;
  changed.fingerprint = "fp-2";
  EXPECT_EQ(Write(changed, body).status().code(), absl::StatusCode::kAlreadyExists);
  IdempotencyKey other_firm = key;
  other_firm.scope = "globex";
  EXPECT_EQ(*Write(other_firm, body, "globex's"), "globex's");
  EXPECT_EQ(runs, 2);
}

TEST_P(StoreContractTest, AFailedWriteRecordsNoIdempotencyAnswer) {
  IdempotencyKey key{"acme", "123e4567-e89b-12d3-a456-426614174001", "fp"};
  EXPECT_FALSE(Write(key, [](Tx&) { return absl::AbortedError("etag: stale"); }).ok());
  EXPECT_EQ(*Write(
                key, [](Tx&) { return absl::OkStatus(); }, "retried"),
            "retried");
}

TEST_P(StoreContractTest, EmailsAreUniqueWithinAFirmAtTheStore) {
  ASSERT_TRUE(Write(std::nullopt, [](Tx& tx) {
                contacts::Contact c = NewContact("ann", {"Ann@X.test"});
                return tx.Contacts().InsertContact(c);
              }).ok());
  absl::StatusOr<std::string> dup = Write(std::nullopt, [](Tx& tx) {
    contacts::Contact c = NewContact("bo", {"ann@x.TEST"});
    return tx.Contacts().InsertContact(c);
  });
  EXPECT_EQ(dup.status().code(), absl::StatusCode::kAlreadyExists);
  EXPECT_FALSE(ContactExists("bo"));
  EXPECT_TRUE(store_
                  ->Read([](Tx& tx) -> absl::Status {
                    auto holder = tx.Contacts().FindContactByEmail("acme", "ann@x.test");
                    EXPECT_TRUE(holder.ok() && holder->has_value() && **holder == "ann");
                    return absl::OkStatus();
                  })
                  .ok());
}

TEST_P(StoreContractTest, ListsResumeAfterAPosition) {
  ASSERT_TRUE(Write(std::nullopt, [](Tx& tx) {
                for (int i = 0; i < 5; ++i) {
                  contacts::Contact c = NewContact("c" + std::to_string(i), {});
                  absl::Status status = tx.Contacts().InsertContact(c);
                  if (!status.ok()) return status;
                }
                return absl::OkStatus();
              }).ok());
  std::vector<std::string> ids;
  int64_t after = 0;
  for (int pages = 0; pages < 10; ++pages) {
    std::vector<contacts::Contact> page;
    ASSERT_TRUE(store_
                    ->Read([&](Tx& tx) -> absl::Status {
                      auto rows = tx.Contacts().ListContacts("acme", {}, after, 2);
                      if (!rows.ok()) return rows.status();
                      page = *rows;
                      return absl::OkStatus();
                    })
                    .ok());
    if (page.empty()) break;
    for (const auto& c : page) ids.push_back(c.id);
    after = page.back().position;
  }
  EXPECT_EQ(ids, (std::vector<std::string>{"c0", "c1", "c2", "c3", "c4"}));
}

TEST_P(StoreContractTest, FirmBalanceVersionsRisePerFirmAndRollBackWithTheirWrite) {
  auto version = [&](const std::string& firm) {
    int64_t v = -1;
    EXPECT_TRUE(store_
                    ->Read([&](Tx& tx) -> absl::Status {
                      REFNET_ASSIGN_OR_RETURN(v, tx.Ledger().GetFirmBalanceVersion(firm));
                      return absl::OkStatus();
                    })
                    .ok());
    return v;
  };
  EXPECT_EQ(version("acme"), 0);
  int64_t bumped = 0;
  for (int i = 1; i <= 3; ++i) {
    ASSERT_TRUE(Write(std::nullopt, [&](Tx& tx) -> absl::Status {
                  REFNET_ASSIGN_OR_RETURN(bumped, tx.Ledger().BumpFirmBalanceVersion("acme"));
                  return absl::OkStatus();
                }).ok());
    EXPECT_EQ(bumped, i);
  }
  EXPECT_EQ(version("acme"), 3);
  EXPECT_EQ(version("globex"), 0);
  EXPECT_FALSE(Write(std::nullopt, [&](Tx& tx) -> absl::Status {
                 REFNET_RETURN_IF_ERROR(tx.Ledger().BumpFirmBalanceVersion("acme").status());
                 return absl::AbortedError("rolled back");
               }).ok());
  EXPECT_EQ(version("acme"), 3);
}

// Concurrent writes may share a commit; each still commits or fails alone,
// and a retried request id answers once even when both copies race.
TEST_P(StoreContractTest, ConcurrentWritesCommitOrFailEachOnItsOwn) {
  constexpr int kThreads = 8;
  constexpr int kWritesEach = 40;
  std::atomic<int> committed{0}, refused{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kWritesEach; ++i) {
        std::string id = "c" + std::to_string(t) + "-" + std::to_string(i);
        // Every fifth write inserts its contact and then fails.
        bool fail = i % 5 == 4;
        IdempotencyKey key{"acme", "req-" + std::to_string(i), "fp"};
        absl::StatusOr<std::string> result = Write(
            fail ? std::nullopt : std::optional<IdempotencyKey>(key),
            [&](Tx& tx) -> absl::Status {
              contacts::Contact c = NewContact(id, {id + "@x.test"});
              absl::Status inserted = tx.Contacts().InsertContact(c);
              if (!inserted.ok()) return inserted;
              return fail ? absl::InvalidArgumentError("contact: refused") : absl::OkStatus();
            },
            id);
        (result.ok() ? committed : refused)++;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(committed + refused, kThreads * kWritesEach);
  EXPECT_EQ(refused, kThreads * kWritesEach / 5);
  // The idempotency key is shared across threads: only the first write of
  // each request id ran, the others replayed its answer.
  int present = 0;
  for (int t = 0; t < kThreads; ++t) {
    for (int i = 0; i < kWritesEach; ++i) {
      bool exists = ContactExists("c" + std::to_string(t) + "-" + std::to_string(i));
      if (i % 5 == 4) {
        EXPECT_FALSE(exists) << t << "-" << i;
      }
      present += exists ? 1 : 0;
    }
  }
  EXPECT_EQ(present, kWritesEach * 4 / 5) << "one contact per request id";
}

TEST_P(StoreContractTest, ReopeningKeepsDataAndSchema) {
  ASSERT_TRUE(Write(std::nullopt, [](Tx& tx) {
                contacts::Contact c = NewContact("ann", {"ann@x.test"});
                return tx.Contacts().InsertContact(c);
              }).ok());
  store_.reset();
  store_ = GetParam().open(folder_, clock_);
  ASSERT_NE(store_, nullptr);
  EXPECT_TRUE(ContactExists("ann"));
}

INSTANTIATE_TEST_SUITE_P(Adapters, StoreContractTest, ::testing::ValuesIn(kStores),
                         [](const auto& info) { return info.param.name; });

}  // namespace
}  // namespace refnet::storage
