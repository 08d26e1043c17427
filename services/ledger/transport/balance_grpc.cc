// Handlers for balances: pair balances, ranked lists, standings, the firm's
// top debtors and creditors, and the favours behind a balance.
#include <algorithm>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "services/common/page_token.h"
#include "services/common/resource_names.h"
#include "services/common/rpc/access.h"
#include "services/common/rpc/paging.h"
#include "services/common/status.h"
#include "services/ledger/domain/balance_rules.h"
#include "services/ledger/transport/ledger_convert.h"
#include "services/ledger/transport/ledger_grpc.h"

namespace refnet::ledger {

using auth::Principal;
namespace v1 = ::refnet::v1;

namespace {

constexpr int32_t kTopDefault = 10;
constexpr int32_t kTopMax = kTopBalancesMax;

// Both parties of a pair request, distinct and under the caller's firm.
absl::Status ParsePair(const std::string& firm_id, absl::string_view party,
                       absl::string_view counterparty, std::string* party_key,
                       std::string* counterparty_key) {
  REFNET_ASSIGN_OR_RETURN(*party_key, PartyKey(party, firm_id, "party"));
  REFNET_ASSIGN_OR_RETURN(*counterparty_key, PartyKey(counterparty, firm_id, "counterparty"));
  if (*party_key == *counterparty_key) {
    return FieldError("counterparty", "must differ from party");
  }
  return absl::OkStatus();
}

absl::StatusOr<std::optional<BalanceCursor>> ParseCursor(absl::string_view text) {
  if (text.empty()) return std::optional<BalanceCursor>();
  std::vector<absl::string_view> parts = absl::StrSplit(text, absl::MaxSplits('|', 1));
  BalanceCursor cursor;
  if (parts.size() != 2 || !absl::SimpleAtoi(parts[0], &cursor.magnitude)) {
    return FieldError("page_token", "is malformed");
  }
  cursor.counterparty = std::string(parts[1]);
  return std::optional<BalanceCursor>(cursor);
}

}  // namespace

grpc::ServerUnaryReactor* LedgerGrpcService::GetBalance(grpc::CallbackServerContext* context,
                                                        const v1::GetBalanceRequest* request,
                                                        v1::Balance* response) {
  // Served on gRPC's thread: mostly an in-process hit; a miss waits at most
  // one Redis command timeout and a point read.
  return runner_.RunInline(context, "/refnet.v1.LedgerService/GetBalance", [&](const Principal& p) {
    REFNET_ASSIGN_OR_RETURN(std::string firm_id, rpc::FirmDataParent(p, request->parent()));
    std::string party, counterparty;
    REFNET_RETURN_IF_ERROR(
        ParsePair(firm_id, request->party(), request->counterparty(), &party, &counterparty));
    REFNET_ASSIGN_OR_RETURN(Balance balance, balances_.GetBalance(firm_id, party, counterparty));
    ToProto(firm_id, balance, response);
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* LedgerGrpcService::ListBalances(grpc::CallbackServerContext* context,
                                                          const v1::ListBalancesRequest* request,
                                                          v1::ListBalancesResponse* response) {
  return runner_.Run(
      context, "/refnet.v1.LedgerService/ListBalances", [=, this](const Principal& p) {
        REFNET_ASSIGN_OR_RETURN(std::string firm_id, rpc::FirmDataParent(p, request->parent()));
        REFNET_ASSIGN_OR_RETURN(std::string party, PartyKey(request->party(), firm_id, "party"));
        DirectionFilter direction = DirectionFilter::kAny;
        switch (request->direction()) {
          case v1::BALANCE_DIRECTION_UNSPECIFIED:
            break;
          case v1::BALANCE_DIRECTION_COUNTERPARTY_OWES:
            direction = DirectionFilter::kCounterpartyOwes;
            break;
          case v1::BALANCE_DIRECTION_PARTY_OWES:
            direction = DirectionFilter::kPartyOwes;
            break;
          default:
            return FieldError("direction", "must be COUNTERPARTY_OWES, PARTY_OWES or unset");
        }
        REFNET_ASSIGN_OR_RETURN(int32_t page_size, ResolvePageSize(request->page_size()));
        std::string fingerprint = Fingerprint(
            {"ListBalances", firm_id, party, absl::StrCat(static_cast<int>(direction))});
        REFNET_ASSIGN_OR_RETURN(std::string cursor_text,
                                DecodePageCursor(request->page_token(), fingerprint));
        REFNET_ASSIGN_OR_RETURN(std::optional<BalanceCursor> cursor, ParseCursor(cursor_text));
        return store_.Read([&](storage::Tx& tx) -> absl::Status {
          REFNET_RETURN_IF_ERROR(Ledger::RequireParty(tx, firm_id, party, "party"));
          REFNET_ASSIGN_OR_RETURN(
              std::vector<PairBalance> pairs,
              tx.Ledger().RankedPairsOf(firm_id, party, direction, cursor, page_size + 1));
          bool more = pairs.size() > static_cast<size_t>(page_size);
          if (more) pairs.resize(static_cast<size_t>(page_size));
          for (const PairBalance& pair : pairs) {
            ToProto(firm_id, FromSide(pair, party), response->add_balances());
          }
          if (more) {
            Balance last = FromSide(pairs.back(), party);
            int64_t magnitude = last.net_points() < 0 ? -last.net_points() : last.net_points();
            response->set_next_page_token(
                EncodePageCursor(fingerprint, absl::StrCat(magnitude, "|", last.counterparty)));
          }
          return absl::OkStatus();
        });
      });
}

grpc::ServerUnaryReactor* LedgerGrpcService::GetStanding(grpc::CallbackServerContext* context,
                                                         const v1::GetStandingRequest* request,
                                                         v1::Standing* response) {
  return runner_.Run(
      context, "/refnet.v1.LedgerService/GetStanding", [=, this](const Principal& p) {
        REFNET_ASSIGN_OR_RETURN(std::string firm_id, rpc::FirmDataParent(p, request->parent()));
        REFNET_ASSIGN_OR_RETURN(std::string party, PartyKey(request->party(), firm_id, "party"));
        REFNET_ASSIGN_OR_RETURN(Standing standing, balances_.GetStanding(firm_id, party));
        const PartyTotals& totals = standing.facts.totals;
        response->set_party(PartyName(firm_id, party));
        response->set_given_points(totals.given_points);
        response->set_received_points(totals.received_points);
        response->set_karma_points(totals.given_points - totals.received_points);
        response->set_given_count(totals.given_count);
        response->set_received_count(totals.received_count);
        response->set_firm_balance_points(standing.facts.firm_balance_points);
        response->set_taker(standing.taker);
        response->set_taker_reason(standing.taker_reason);
        for (size_t i = 0; i < standing.facts.relationships.size(); ++i) {
          const Balance& balance = standing.facts.relationships[i];
          v1::RelationshipHealth* out = response->add_relationships();
          out->set_counterparty(PartyName(firm_id, balance.counterparty));
          ToProto(firm_id, balance, out->mutable_balance());
          out->set_health(HealthToProto(standing.health[i]));
        }
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* LedgerGrpcService::ListTopBalances(
    grpc::CallbackServerContext* context, const v1::ListTopBalancesRequest* request,
    v1::ListTopBalancesResponse* response) {
  return runner_.Run(
      context, "/refnet.v1.LedgerService/ListTopBalances", [=, this](const Principal& p) {
        REFNET_ASSIGN_OR_RETURN(std::string firm_id, rpc::FirmDataParent(p, request->parent()));
        if (request->limit() < 0) return FieldError("limit", "must not be negative");
        int32_t limit = request->limit() == 0 ? kTopDefault : std::min(request->limit(), kTopMax);
        REFNET_ASSIGN_OR_RETURN(TopBalances top, balances_.GetTopBalances(firm_id));
        for (bool debtors : {true, false}) {
          const auto& rows = debtors ? top.debtors : top.creditors;
          for (size_t i = 0; i < rows.size() && i < static_cast<size_t>(limit); ++i) {
            v1::ContactBalance* out = debtors ? response->add_debtors() : response->add_creditors();
            out->set_contact(PartyName(firm_id, rows[i].first));
            out->set_firm_balance_points(rows[i].second);
          }
        }
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* LedgerGrpcService::ExplainBalance(
    grpc::CallbackServerContext* context, const v1::ExplainBalanceRequest* request,
    v1::ExplainBalanceResponse* response) {
  return runner_.Run(
      context, "/refnet.v1.LedgerService/ExplainBalance", [=, this](const Principal& p) {
        REFNET_ASSIGN_OR_RETURN(std::string firm_id, rpc::FirmDataParent(p, request->parent()));
        FavourFilter filter;
        REFNET_RETURN_IF_ERROR(ParsePair(firm_id, request->party(), request->counterparty(),
                                         &filter.party, &filter.counterparty));
        REFNET_ASSIGN_OR_RETURN(
            rpc::PageRequest page,
            rpc::StartPage(request->page_size(), request->page_token(),
                           {"ExplainBalance", firm_id, filter.party, filter.counterparty}));
        return store_.Read([&](storage::Tx& tx) -> absl::Status {
          REFNET_RETURN_IF_ERROR(Ledger::RequireParty(tx, firm_id, filter.party, "party"));
          REFNET_RETURN_IF_ERROR(
              Ledger::RequireParty(tx, firm_id, filter.counterparty, "counterparty"));
          REFNET_ASSIGN_OR_RETURN(
              Balance balance, ledger_.GetBalance(tx, firm_id, filter.party, filter.counterparty));
          ToProto(firm_id, balance, response->mutable_balance());
          REFNET_ASSIGN_OR_RETURN(
              std::vector<Favour> rows,
              tx.Ledger().ListFavours(firm_id, filter, page.after_position, page.fetch_limit()));
          response->set_next_page_token(rpc::FinishPage(rows, page));
          for (const Favour& f : rows) {
            ToProto(f, response->add_favours());
            response->add_effect_points(f.giver == filter.party ? f.value_points : -f.value_points);
          }
          return absl::OkStatus();
        });
      });
}

}  // namespace refnet::ledger
