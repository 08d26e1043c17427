// Balances are told from the first party's side: a positive net means the
// counterparty owes the party.
#include "clients/refnetctl/balance_requests.h"

#include <optional>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "clients/refnetctl/exit_status.h"
#include "clients/refnetctl/request_fields.h"
#include "clients/refnetctl/short_names.h"
#include "services/common/status.h"

namespace refnet::ctl {
namespace {

absl::StatusOr<std::string> PartyOperand(const ParsedArgs& args, const GlobalOptions& options,
                                         size_t index, absl::string_view what) {
  return ExpandPartyName(options.firm_id, args.positional.at(index), what);
}

// --direction in the words of `balances list`, or the enum's own names.
absl::StatusOr<v1::BalanceDirection> DirectionFlag(const ParsedArgs& args) {
  std::optional<std::string> text = args.Value("direction");
  if (!text.has_value()) return v1::BALANCE_DIRECTION_UNSPECIFIED;
  std::string word = absl::AsciiStrToLower(*text);
  if (word == "owed-to-party" || word == "counterparty-owes") {
    return v1::BALANCE_DIRECTION_COUNTERPARTY_OWES;
  }
  if (word == "owed-by-party" || word == "party-owes") return v1::BALANCE_DIRECTION_PARTY_OWES;
  return UsageError(
      absl::StrCat("--direction is owed-to-party or owed-by-party, not \"", *text, "\""));
}

}  // namespace

absl::StatusOr<v1::GetBalanceRequest> BuildGetBalance(const ParsedArgs& args,
                                                      const GlobalOptions& options) {
  v1::GetBalanceRequest request;
  REFNET_ASSIGN_OR_RETURN(*request.mutable_parent(), FirmParent(options.firm_id));
  REFNET_ASSIGN_OR_RETURN(*request.mutable_party(), PartyOperand(args, options, 0, "PARTY"));
  REFNET_ASSIGN_OR_RETURN(*request.mutable_counterparty(),
                          PartyOperand(args, options, 1, "COUNTERPARTY"));
  return request;
}

absl::StatusOr<v1::ListBalancesRequest> BuildListBalances(const ParsedArgs& args,
                                                          const GlobalOptions& options) {
  v1::ListBalancesRequest request;
  REFNET_ASSIGN_OR_RETURN(*request.mutable_parent(), FirmParent(options.firm_id));
  REFNET_ASSIGN_OR_RETURN(*request.mutable_party(), PartyOperand(args, options, 0, "PARTY"));
  REFNET_ASSIGN_OR_RETURN(v1::BalanceDirection direction, DirectionFlag(args));
  request.set_direction(direction);
  REFNET_RETURN_IF_ERROR(ApplyPaging(args, &request));
  return request;
}

absl::StatusOr<v1::ExplainBalanceRequest> BuildExplainBalance(const ParsedArgs& args,
                                                              const GlobalOptions& options) {
  v1::ExplainBalanceRequest request;
  REFNET_ASSIGN_OR_RETURN(*request.mutable_parent(), FirmParent(options.firm_id));
  REFNET_ASSIGN_OR_RETURN(*request.mutable_party(), PartyOperand(args, options, 0, "PARTY"));
  REFNET_ASSIGN_OR_RETURN(*request.mutable_counterparty(),
                          PartyOperand(args, options, 1, "COUNTERPARTY"));
  REFNET_RETURN_IF_ERROR(ApplyPaging(args, &request));
  return request;
}

absl::StatusOr<v1::ListTopBalancesRequest> BuildListTopBalances(const ParsedArgs& args,
                                                                const GlobalOptions& options) {
  v1::ListTopBalancesRequest request;
  REFNET_ASSIGN_OR_RETURN(*request.mutable_parent(), FirmParent(options.firm_id));
  int32_t limit = 0;
  REFNET_RETURN_IF_ERROR(args.Int32("limit", &limit));
  request.set_limit(limit);
  return request;
}

absl::StatusOr<v1::GetStandingRequest> BuildGetStanding(const ParsedArgs& args,
                                                        const GlobalOptions& options) {
  v1::GetStandingRequest request;
  REFNET_ASSIGN_OR_RETURN(*request.mutable_parent(), FirmParent(options.firm_id));
  REFNET_ASSIGN_OR_RETURN(*request.mutable_party(), PartyOperand(args, options, 0, "PARTY"));
  return request;
}

}  // namespace refnet::ctl
