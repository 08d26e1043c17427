// Referral flags spelled as people say them: stages as `won` or `STAGE_WON`,
// money as `EUR:12500.50`.
#include "clients/refnetctl/referral_requests.h"

#include <optional>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "clients/refnetctl/enum_text.h"
#include "clients/refnetctl/exit_status.h"
#include "clients/refnetctl/favour_requests.h"
#include "clients/refnetctl/request_fields.h"
#include "clients/refnetctl/short_names.h"
#include "clients/refnetctl/time_flags.h"
#include "services/common/status.h"

namespace refnet::ctl {
namespace {

absl::StatusOr<std::string> ReferralOperand(const ParsedArgs& args, const GlobalOptions& options) {
  return ExpandChildName(options.firm_id, "referrals", args.positional.at(0), "referral");
}

absl::StatusOr<v1::Stage> ParseStage(absl::string_view text, absl::string_view flag) {
  REFNET_ASSIGN_OR_RETURN(int stage, ParseEnumFlag(*v1::Stage_descriptor(), text, flag));
  return static_cast<v1::Stage>(stage);
}

}  // namespace

absl::StatusOr<v1::Money> ParseMoney(absl::string_view text, absl::string_view flag) {
  auto bad = [&] {
    return UsageError(absl::StrCat("--", flag, " wants CURRENCY:AMOUNT such as EUR:12500.50, not \"",
                                   text, "\""));
  };
  std::vector<absl::string_view> parts = absl::StrSplit(text, absl::MaxSplits(':', 1));
  if (parts.size() != 2 || parts[0].empty()) return bad();
  std::vector<absl::string_view> amount = absl::StrSplit(parts[1], absl::MaxSplits('.', 1));
  v1::Money money;
  money.set_currency_code(std::string(parts[0]));
  int64_t units = 0;
  if (!absl::SimpleAtoi(amount[0], &units)) return bad();
  money.set_units(units);
  if (amount.size() == 2) {
    absl::string_view fraction = amount[1];
    if (fraction.empty() || fraction.size() > 9) return bad();
    int64_t digits = 0;
    if (!absl::SimpleAtoi(fraction, &digits) || fraction[0] == '-' || fraction[0] == '+') {
      return bad();
    }
    for (size_t i = fraction.size(); i < 9; ++i) digits *= 10;
    money.set_nanos(static_cast<int32_t>(digits));
  }
  return money;
}

absl::StatusOr<v1::CreateReferralRequest> BuildCreateReferral(const ParsedArgs& args,
                                                              const GlobalOptions& options) {
  v1::CreateReferralRequest request;
  REFNET_ASSIGN_OR_RETURN(*request.mutable_parent(), FirmParent(options.firm_id));
  v1::Referral& referral = *request.mutable_referral();
  REFNET_ASSIGN_OR_RETURN(*referral.mutable_referrer(), PartyFlag(args, options, "referrer"));
  REFNET_ASSIGN_OR_RETURN(*referral.mutable_recipient(), PartyFlag(args, options, "recipient"));
  if (std::optional<std::string> prospect = args.Value("prospect")) {
    REFNET_ASSIGN_OR_RETURN(*referral.mutable_prospect()->mutable_contact(),
                            ExpandChildName(options.firm_id, "contacts", *prospect, "--prospect"));
  }
  referral.mutable_prospect()->set_description(args.Value("prospect-text").value_or(""));
  referral.set_need(args.Value("need").value_or(""));
  int32_t warmth = 0;
  REFNET_RETURN_IF_ERROR(args.Int32("warmth", &warmth));
  referral.set_warmth(warmth);
  if (std::optional<std::string> estimated = args.Value("estimated")) {
    REFNET_ASSIGN_OR_RETURN(*referral.mutable_estimated_value(), ParseMoney(*estimated, "estimated"));
  }
  referral.set_confidential(args.Bool("confidential"));
  REFNET_ASSIGN_OR_RETURN(std::optional<absl::Time> offered, TimeFlag(args, "offered-at"));
  if (offered.has_value()) SetTimestamp(*offered, referral.mutable_offer_time());
  request.set_request_id(options.request_id);
  return request;
}

absl::StatusOr<v1::GetReferralRequest> BuildGetReferral(const ParsedArgs& args,
                                                        const GlobalOptions& options) {
  v1::GetReferralRequest request;
  REFNET_ASSIGN_OR_RETURN(*request.mutable_name(), ReferralOperand(args, options));
  return request;
}

absl::StatusOr<v1::ListReferralsRequest> BuildListReferrals(const ParsedArgs& args,
                                                            const GlobalOptions& options) {
  v1::ListReferralsRequest request;
  REFNET_ASSIGN_OR_RETURN(*request.mutable_parent(), FirmParent(options.firm_id));
  REFNET_ASSIGN_OR_RETURN(*request.mutable_referrer(), PartyFlag(args, options, "referrer"));
  REFNET_ASSIGN_OR_RETURN(*request.mutable_recipient(), PartyFlag(args, options, "recipient"));
  if (std::optional<std::string> prospect = args.Value("prospect")) {
    REFNET_ASSIGN_OR_RETURN(*request.mutable_prospect(),
                            ExpandChildName(options.firm_id, "contacts", *prospect, "--prospect"));
  }
  if (std::optional<std::string> stage = args.Value("stage")) {
    REFNET_ASSIGN_OR_RETURN(v1::Stage parsed, ParseStage(*stage, "stage"));
    request.set_stage(parsed);
  }
  if (std::optional<std::string> status = args.Value("status")) {
    REFNET_ASSIGN_OR_RETURN(int parsed,
                            ParseEnumFlag(*v1::ReferralStatus_descriptor(), *status, "status"));
    request.set_status(static_cast<v1::ReferralStatus>(parsed));
  }
  REFNET_RETURN_IF_ERROR(ApplyPaging(args, &request));
  return request;
}

absl::StatusOr<v1::MoveReferralRequest> BuildMoveReferral(const ParsedArgs& args,
                                                          const GlobalOptions& options) {
  v1::MoveReferralRequest request;
  REFNET_ASSIGN_OR_RETURN(*request.mutable_name(), ReferralOperand(args, options));
  REFNET_ASSIGN_OR_RETURN(v1::Stage stage, ParseStage(args.positional.at(1), "STAGE"));
  request.set_stage(stage);
  request.set_note(args.Value("note").value_or(""));
  if (std::optional<std::string> closed = args.Value("closed")) {
    REFNET_ASSIGN_OR_RETURN(*request.mutable_closed_value(), ParseMoney(*closed, "closed"));
  }
  request.set_etag(args.Value("etag").value_or(""));
  REFNET_ASSIGN_OR_RETURN(std::optional<absl::Time> at, TimeFlag(args, "at"));
  if (at.has_value()) SetTimestamp(*at, request.mutable_move_time());
  request.set_request_id(options.request_id);
  return request;
}

absl::StatusOr<v1::GetReferralReportRequest> BuildGetReferralReport(const ParsedArgs& args,
                                                                    const GlobalOptions& options) {
  v1::GetReferralReportRequest request;
  REFNET_ASSIGN_OR_RETURN(*request.mutable_parent(), FirmParent(options.firm_id));
  REFNET_ASSIGN_OR_RETURN(*request.mutable_party(), PartyFlag(args, options, "party"));
  REFNET_ASSIGN_OR_RETURN(std::optional<absl::Time> since, TimeFlag(args, "since"));
  if (since.has_value()) SetTimestamp(*since, request.mutable_start_time());
  REFNET_ASSIGN_OR_RETURN(std::optional<absl::Time> until, TimeFlag(args, "until"));
  if (until.has_value()) SetTimestamp(*until, request.mutable_end_time());
  return request;
}

}  // namespace refnet::ctl
