// Network flags: --contact and --organization pick the target of a path;
// --member names whose view to take.
#include "clients/refnetctl/network_requests.h"

#include <optional>

#include "absl/strings/str_cat.h"
#include "clients/refnetctl/exit_status.h"
#include "clients/refnetctl/short_names.h"
#include "clients/refnetctl/time_flags.h"
#include "services/common/status.h"

namespace refnet::ctl {
namespace {

// A member flag expanded in the firm; empty when not given.
absl::StatusOr<std::string> MemberFlag(const ParsedArgs& args, const GlobalOptions& options,
                                       absl::string_view flag) {
  std::optional<std::string> value = args.Value(flag);
  if (!value.has_value()) return std::string();
  return ExpandChildName(options.firm_id, "members", *value, absl::StrCat("--", flag));
}

}  // namespace

absl::StatusOr<v1::FindIntroPathsRequest> BuildFindIntroPaths(const ParsedArgs& args,
                                                              const GlobalOptions& options) {
  v1::FindIntroPathsRequest request;
  REFNET_ASSIGN_OR_RETURN(*request.mutable_parent(), FirmParent(options.firm_id));
  REFNET_ASSIGN_OR_RETURN(*request.mutable_from(), MemberFlag(args, options, "from"));
  std::optional<std::string> contact = args.Value("contact");
  std::optional<std::string> organization = args.Value("organization");
  if (contact.has_value() == organization.has_value()) {
    return UsageError("give either --contact or --organization");
  }
  if (contact.has_value()) {
    REFNET_ASSIGN_OR_RETURN(*request.mutable_target_contact(),
                            ExpandChildName(options.firm_id, "contacts", *contact, "--contact"));
  } else {
    request.set_target_organization(*organization);
  }
  int32_t value = 0;
  REFNET_RETURN_IF_ERROR(args.Int32("max-hops", &value));
  request.set_max_hops(value);
  value = 0;
  REFNET_RETURN_IF_ERROR(args.Int32("limit", &value));
  request.set_max_paths(value);
  REFNET_ASSIGN_OR_RETURN(std::optional<absl::Time> as_of, TimeFlag(args, "as-of"));
  if (as_of.has_value()) SetTimestamp(*as_of, request.mutable_as_of());
  return request;
}

absl::StatusOr<v1::SuggestIntroductionsRequest> BuildSuggestIntroductions(
    const ParsedArgs& args, const GlobalOptions& options) {
  v1::SuggestIntroductionsRequest request;
  REFNET_ASSIGN_OR_RETURN(*request.mutable_parent(), FirmParent(options.firm_id));
  REFNET_ASSIGN_OR_RETURN(*request.mutable_member(), MemberFlag(args, options, "member"));
  request.set_whole_firm(args.Bool("whole-firm"));
  int32_t limit = 0;
  REFNET_RETURN_IF_ERROR(args.Int32("limit", &limit));
  request.set_page_size(limit);
  return request;
}

absl::StatusOr<v1::FindReciprocityLoopsRequest> BuildFindReciprocityLoops(
    const ParsedArgs& args, const GlobalOptions& options) {
  v1::FindReciprocityLoopsRequest request;
  REFNET_ASSIGN_OR_RETURN(*request.mutable_parent(), FirmParent(options.firm_id));
  REFNET_ASSIGN_OR_RETURN(*request.mutable_member(), MemberFlag(args, options, "member"));
  int32_t value = 0;
  REFNET_RETURN_IF_ERROR(args.Int32("max-length", &value));
  request.set_max_length(value);
  value = 0;
  REFNET_RETURN_IF_ERROR(args.Int32("limit", &value));
  request.set_page_size(value);
  return request;
}

absl::StatusOr<v1::SuggestNettingRequest> BuildSuggestNetting(const ParsedArgs& args,
                                                              const GlobalOptions& options) {
  v1::SuggestNettingRequest request;
  REFNET_ASSIGN_OR_RETURN(*request.mutable_parent(), FirmParent(options.firm_id));
  int32_t limit = 0;
  REFNET_RETURN_IF_ERROR(args.Int32("limit", &limit));
  request.set_page_size(limit);
  return request;
}

absl::StatusOr<v1::GetKeyPersonRiskRequest> BuildGetKeyPersonRisk(const ParsedArgs& args,
                                                                  const GlobalOptions& options) {
  v1::GetKeyPersonRiskRequest request;
  REFNET_ASSIGN_OR_RETURN(*request.mutable_parent(), FirmParent(options.firm_id));
  REFNET_ASSIGN_OR_RETURN(*request.mutable_member(), MemberFlag(args, options, "member"));
  int32_t contacts = 0;
  REFNET_RETURN_IF_ERROR(args.Int32("contacts", &contacts));
  request.set_contacts_per_member(contacts);
  return request;
}

}  // namespace refnet::ctl
