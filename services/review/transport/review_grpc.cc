// GetWeeklyReview: who may read whose review, the request's bounds, and the
// review's items as protos.
#include "services/review/transport/review_grpc.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "services/common/resource_names.h"
#include "services/common/rpc/access.h"
#include "services/common/rpc/proto_time.h"
#include "services/common/status.h"
#include "services/review/domain/weekly_review.h"

namespace refnet::review {

using auth::Principal;
using auth::Role;
namespace v1 = ::refnet::v1;

namespace {

// Members read their own review; admins and tools any member's of their firm.
absl::StatusOr<ChildName> ReviewMember(const Principal& p, absl::string_view name) {
  REFNET_CHECK_FIELD(!name.empty(), "member", "is required: firms/{firm}/members/{member}");
  REFNET_ASSIGN_OR_RETURN(ChildName member, ParseChildName(name, kMembers, "member"));
  REFNET_RETURN_IF_ERROR(rpc::RequireFirmData(p, member.firm_id, "member"));
  if (p.role == Role::kMember && member.id != p.member_id) {
    return absl::PermissionDeniedError(
        absl::StrCat("member: members may read only their own review, not ", name));
  }
  return member;
}

absl::StatusOr<int32_t> ResolveItemsPerSection(int32_t requested) {
  if (requested < 0) return FieldError("max_items_per_section", "must not be negative");
  if (requested == 0) return kItemsPerSectionDefault;
  return std::min(requested, kItemsPerSectionMax);
}

void ToProto(const Item& item, v1::ReviewItem* out) {
  out->set_section(static_cast<v1::Section>(item.section));
  out->set_reason(item.reason);
  for (const std::string& resource : item.resources) out->add_resources(resource);
  out->set_points(item.points);
  if (item.since) rpc::ToProto(*item.since, out->mutable_since());
  out->set_party(item.party);
  if (item.due) rpc::ToProto(*item.due, out->mutable_due_time());
}

}  // namespace

grpc::ServerUnaryReactor* ReviewGrpcService::GetWeeklyReview(
    grpc::CallbackServerContext* context, const v1::GetWeeklyReviewRequest* request,
    v1::WeeklyReview* response) {
  return runner_.Run(
      context, "/refnet.v1.ReviewService/GetWeeklyReview", [=, this](const Principal& p) {
        REFNET_ASSIGN_OR_RETURN(ChildName member, ReviewMember(p, request->member()));
        ReviewQuery query;
        query.firm_id = member.firm_id;
        query.member_id = member.id;
        query.as_of = clock_.Now();
        if (request->has_as_of()) {
          REFNET_CHECK_FIELD(rpc::IsValidTimestamp(request->as_of()), "as_of",
                             "is not a valid timestamp");
          query.as_of = rpc::FromProto(request->as_of());
        }
        REFNET_ASSIGN_OR_RETURN(query.items_per_section_max,
                                ResolveItemsPerSection(request->max_items_per_section()));
        return store_.Read([&](storage::Tx& tx) -> absl::Status {
          REFNET_RETURN_IF_ERROR(
              NotFoundIn(tx.Admin().GetMember(member.firm_id, member.id).status(), "member"));
          REFNET_ASSIGN_OR_RETURN(query.settings, tx.Admin().GetSettings(member.firm_id));
          REFNET_ASSIGN_OR_RETURN(std::vector<Item> items, BuildWeeklyReview(tx, query));
          response->Clear();
          response->set_member(MemberName(member.firm_id, member.id));
          rpc::ToProto(query.as_of, response->mutable_as_of());
          for (const Item& item : items) ToProto(item, response->add_items());
          return absl::OkStatus();
        });
      });
}

}  // namespace refnet::review
