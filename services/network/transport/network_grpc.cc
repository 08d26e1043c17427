// Handlers of NetworkService. Every method reads one consistent snapshot.
#include "services/network/transport/network_grpc.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "services/common/resource_names.h"
#include "services/common/rpc/access.h"
#include "services/common/rpc/proto_time.h"
#include "services/common/status.h"
#include "services/ledger/transport/ledger_convert.h"
#include "services/network/domain/intro_paths.h"
#include "services/network/domain/introductions.h"
#include "services/network/domain/reciprocity.h"

namespace refnet::network {

using auth::Principal;
using auth::Role;
namespace v1 = ::refnet::v1;

namespace {

constexpr int32_t kMaxHopsDefault = 4;
constexpr int32_t kMaxPathsDefault = 5;
constexpr int32_t kOrganizationTargetsMax = 200;
constexpr size_t kOrganizationLengthMax = 200;
constexpr int32_t kLoopLengthDefault = 4;
constexpr int32_t kLoopsDefault = 20;
constexpr int32_t kLoopsMax = 200;
constexpr int32_t kMovesDefault = 100;
constexpr int32_t kMovesMax = 1000;
constexpr int32_t kExposedDefault = 10;
constexpr int32_t kExposedMax = 100;
constexpr int32_t kTopDebtorsAll = 1000000;

// A count field: `fallback` when 0, INVALID_ARGUMENT outside [min, max].
absl::StatusOr<int32_t> Bounded(int32_t value, int32_t fallback, int32_t min, int32_t max,
                                absl::string_view field) {
  if (value == 0) return fallback;
  if (value < min || value > max) {
    return FieldError(field, absl::StrCat("must be between ", min, " and ", max));
  }
  return value;
}

// A member of the caller's firm named in `field`, or the caller itself when
// empty. Checks the member exists.
absl::StatusOr<std::string> MemberOrCaller(const Principal& p, const std::string& firm_id,
                                           const std::string& name, absl::string_view field) {
  if (name.empty()) {
    if (p.member_id.empty())
      return FieldError(field, "is required for callers that are not members");
    return p.member_id;
  }
  REFNET_ASSIGN_OR_RETURN(ChildName member, ParseChildName(name, kMembers, field));
  REFNET_RETURN_IF_ERROR(rpc::RequireNameInFirm(member.firm_id, firm_id, field));
  return member.id;
}

absl::Status RequireMember(storage::Tx& tx, const std::string& firm_id, const std::string& id,
                           absl::string_view field) {
  absl::StatusOr<admin::Member> member = tx.Admin().GetMember(firm_id, id);
  if (absl::IsNotFound(member.status())) {
    return absl::NotFoundError(absl::StrCat(field, ": no member ", MemberName(firm_id, id)));
  }
  return member.status();
}

// The contacts a path may end at.
absl::StatusOr<std::vector<std::string>> Targets(storage::Tx& tx, const std::string& firm_id,
                                                 const v1::FindIntroPathsRequest& request) {
  if (request.target_case() == v1::FindIntroPathsRequest::kTargetContact) {
    REFNET_ASSIGN_OR_RETURN(ChildName contact,
                            ParseChildName(request.target_contact(), kContacts, "target_contact"));
    REFNET_RETURN_IF_ERROR(rpc::RequireNameInFirm(contact.firm_id, firm_id, "target_contact"));
    REFNET_ASSIGN_OR_RETURN(std::optional<ContactBrief> brief,
                            tx.Network().GetBrief(firm_id, contact.id));
    if (!brief) {
      return absl::NotFoundError(
          absl::StrCat("target_contact: no contact ", request.target_contact()));
    }
    if (!brief->live) {
      return absl::FailedPreconditionError(
          absl::StrCat("target_contact: ", request.target_contact(), " is archived or merged"));
    }
    return std::vector<std::string>{contact.id};
  }
  // An organization is matched, not named: nobody there means no paths.
  return tx.Network().ContactsAt(firm_id, request.target_organization(), kOrganizationTargetsMax);
}

void ToProto(const std::string& firm_id, const Hop& hop, v1::IntroHop* out) {
  out->set_from(ledger::PartyName(firm_id, hop.from));
  out->set_to(ledger::PartyName(firm_id, hop.to));
  switch (hop.kind) {
    case HopKind::kRelationship:
      out->set_kind(v1::IntroHop::KIND_RELATIONSHIP);
      out->set_resource(RelationshipName(firm_id, hop.from.substr(kMembers.size() + 1),
                                         hop.to.substr(kContacts.size() + 1)));
      break;
    case HopKind::kConnection:
      out->set_kind(v1::IntroHop::KIND_CONNECTION);
      out->set_resource(ConnectionName(firm_id, hop.connection_id));
      break;
    case HopKind::kColleague:
      out->set_kind(v1::IntroHop::KIND_COLLEAGUE);
      out->set_resource(out->to());
      break;
  }
  out->set_strength(hop.strength);
  if (hop.last_touch) rpc::ToProto(*hop.last_touch, out->mutable_last_touch_time());
  out->set_balance_points(hop.balance_points);
  out->set_factor(hop.factor);
  out->set_reason(hop.reason);
}

std::string LoopReason(const std::vector<std::string>& parties, int64_t credit) {
  std::string text = "the firm gave ";
  for (size_t i = 0; i < parties.size(); ++i) {
    absl::StrAppend(&text, parties[i],
                    i + 1 < parties.size() ? ", who gave " : ", who gave back to the firm");
  }
  absl::StrAppend(&text, ": ", credit, " points came all the way round");
  return text;
}

}  // namespace

grpc::ServerUnaryReactor* NetworkGrpcService::FindIntroPaths(
    grpc::CallbackServerContext* context, const v1::FindIntroPathsRequest* request,
    v1::FindIntroPathsResponse* response) {
  return runner_.Run(
      context, "/refnet.v1.NetworkService/FindIntroPaths", [=, this](const Principal& p) {
        REFNET_ASSIGN_OR_RETURN(std::string firm_id, rpc::FirmDataParent(p, request->parent()));
        PathQuery query;
        query.firm_id = firm_id;
        REFNET_ASSIGN_OR_RETURN(query.from_member_id,
                                MemberOrCaller(p, firm_id, request->from(), "from"));
        switch (request->target_case()) {
          case v1::FindIntroPathsRequest::kTargetContact:
            break;
          case v1::FindIntroPathsRequest::kTargetOrganization:
            if (request->target_organization().empty()) {
              return FieldError("target_organization", "must not be empty");
            }
            if (request->target_organization().size() > kOrganizationLengthMax) {
              return FieldError("target_organization", "must be at most 200 characters");
            }
            break;
          default:
            return FieldError("target_contact",
                              "a target_contact or a target_organization is required");
        }
        REFNET_ASSIGN_OR_RETURN(
            query.max_hops, Bounded(request->max_hops(), kMaxHopsDefault, 1, kMaxHops, "max_hops"));
        REFNET_ASSIGN_OR_RETURN(query.max_paths, Bounded(request->max_paths(), kMaxPathsDefault, 1,
                                                         kMaxPaths, "max_paths"));
        query.as_of = clock_.Now();
        if (request->has_as_of()) {
          if (!rpc::IsValidTimestamp(request->as_of())) {
            return FieldError("as_of", "is not a valid timestamp");
          }
          query.as_of = rpc::FromProto(request->as_of());
        }
        return store_.Read([&](storage::Tx& tx) -> absl::Status {
          REFNET_RETURN_IF_ERROR(RequireMember(tx, firm_id, query.from_member_id, "from"));
          REFNET_ASSIGN_OR_RETURN(query.target_contact_ids, Targets(tx, firm_id, *request));
          REFNET_ASSIGN_OR_RETURN(PathSearchResult found, network::FindIntroPaths(tx, query));
          response->set_truncated(found.truncated);
          for (const IntroPath& path : found.paths) {
            v1::IntroPath* out = response->add_paths();
            for (const Hop& hop : path.hops) ToProto(firm_id, hop, out->add_hops());
            out->set_score(path.score);
            out->set_target(ledger::PartyName(firm_id, path.target));
          }
          return absl::OkStatus();
        });
      });
}

grpc::ServerUnaryReactor* NetworkGrpcService::SuggestIntroductions(
    grpc::CallbackServerContext* context, const v1::SuggestIntroductionsRequest* request,
    v1::SuggestIntroductionsResponse* response) {
  return runner_.Run(
      context, "/refnet.v1.NetworkService/SuggestIntroductions", [=, this](const Principal& p) {
        REFNET_ASSIGN_OR_RETURN(std::string firm_id, rpc::FirmDataParent(p, request->parent()));
        std::string member_id;
        if (request->whole_firm()) {
          if (!request->member().empty()) {
            return FieldError("member", "must be empty when whole_firm is set");
          }
          REFNET_RETURN_IF_ERROR(rpc::RequireRole(p, {Role::kAdmin, Role::kService},
                                                  "suggesting introductions across the firm"));
        } else {
          REFNET_ASSIGN_OR_RETURN(member_id,
                                  MemberOrCaller(p, firm_id, request->member(), "member"));
        }
        REFNET_ASSIGN_OR_RETURN(int32_t limit, Bounded(request->page_size(), kIntroductionsDefault,
                                                       1, kIntroductionsMax, "page_size"));
        return store_.Read([&](storage::Tx& tx) -> absl::Status {
          if (!member_id.empty())
            REFNET_RETURN_IF_ERROR(RequireMember(tx, firm_id, member_id, "member"));
          REFNET_ASSIGN_OR_RETURN(std::vector<Introduction> intros,
                                  network::SuggestIntroductions(tx, firm_id, member_id, limit));
          for (const Introduction& intro : intros) {
            v1::Introduction* out = response->add_introductions();
            out->set_offering(ledger::PartyName(firm_id, intro.offering));
            out->set_needing(ledger::PartyName(firm_id, intro.needing));
            out->set_introducer(ledger::PartyName(firm_id, intro.introducer));
            for (const std::string& w : intro.shared_words) out->add_shared_words(w);
            out->set_score(intro.score);
            out->set_reason(intro.reason);
          }
          return absl::OkStatus();
        });
      });
}

grpc::ServerUnaryReactor* NetworkGrpcService::FindReciprocityLoops(
    grpc::CallbackServerContext* context, const v1::FindReciprocityLoopsRequest* request,
    v1::FindReciprocityLoopsResponse* response) {
  return runner_.Run(
      context, "/refnet.v1.NetworkService/FindReciprocityLoops", [=, this](const Principal& p) {
        REFNET_ASSIGN_OR_RETURN(std::string firm_id, rpc::FirmDataParent(p, request->parent()));
        std::string member_id;
        if (!request->member().empty()) {
          REFNET_ASSIGN_OR_RETURN(member_id,
                                  MemberOrCaller(p, firm_id, request->member(), "member"));
        }
        REFNET_ASSIGN_OR_RETURN(int32_t max_length,
                                Bounded(request->max_length(), kLoopLengthDefault, kLoopLengthMin,
                                        kLoopLengthMax, "max_length"));
        REFNET_ASSIGN_OR_RETURN(
            int32_t limit, Bounded(request->page_size(), kLoopsDefault, 1, kLoopsMax, "page_size"));
        return store_.Read([&](storage::Tx& tx) -> absl::Status {
          if (!member_id.empty())
            REFNET_RETURN_IF_ERROR(RequireMember(tx, firm_id, member_id, "member"));
          REFNET_ASSIGN_OR_RETURN(LoopSearch found,
                                  FindLoops(tx, firm_id, member_id, max_length, limit));
          std::string firm = FirmName(firm_id);
          for (const Loop& loop : found.loops) {
            v1::ReciprocityLoop* out = response->add_loops();
            out->add_parties(firm);
            std::vector<std::string> names;
            for (const std::string& party : loop.parties) {
              names.push_back(ledger::PartyName(firm_id, party));
              out->add_parties(names.back());
            }
            out->add_parties(firm);
            for (int64_t points : loop.step_points) out->add_step_points(points);
            out->set_credit_points(loop.credit_points);
            out->set_reason(LoopReason(names, loop.credit_points));
          }
          response->set_truncated(found.truncated);
          return absl::OkStatus();
        });
      });
}

grpc::ServerUnaryReactor* NetworkGrpcService::SuggestNetting(
    grpc::CallbackServerContext* context, const v1::SuggestNettingRequest* request,
    v1::SuggestNettingResponse* response) {
  return runner_.Run(
      context, "/refnet.v1.NetworkService/SuggestNetting", [=, this](const Principal& p) {
        REFNET_ASSIGN_OR_RETURN(std::string firm_id, rpc::FirmDataParent(p, request->parent()));
        REFNET_ASSIGN_OR_RETURN(
            int32_t limit, Bounded(request->page_size(), kMovesDefault, 1, kMovesMax, "page_size"));
        return store_.Read([&](storage::Tx& tx) -> absl::Status {
          REFNET_ASSIGN_OR_RETURN(admin::FirmSettings settings, tx.Admin().GetSettings(firm_id));
          REFNET_ASSIGN_OR_RETURN(std::vector<Move> raw, PairMoves(tx, firm_id));
          std::vector<Move> moves;
          if (settings.netting_enabled) {
            REFNET_ASSIGN_OR_RETURN(auto nets, FirmNets(tx, firm_id));
            moves = SettleNets(nets);
          } else {
            moves = raw;
          }
          std::string firm = FirmName(firm_id);
          auto name = [&](const std::string& party) {
            return party.empty() ? firm : ledger::PartyName(firm_id, party);
          };
          int64_t total = 0;
          for (const Move& m : moves) total += m.points;
          for (size_t i = 0; i < moves.size() && i < static_cast<size_t>(limit); ++i) {
            v1::NettingMove* out = response->add_moves();
            out->set_from(name(moves[i].from));
            out->set_to(name(moves[i].to));
            out->set_points(moves[i].points);
          }
          response->set_total_moves(static_cast<int32_t>(moves.size()));
          response->set_total_points(total);
          response->set_netted(settings.netting_enabled);
          response->set_raw_moves(static_cast<int32_t>(raw.size()));
          return absl::OkStatus();
        });
      });
}

grpc::ServerUnaryReactor* NetworkGrpcService::GetKeyPersonRisk(
    grpc::CallbackServerContext* context, const v1::GetKeyPersonRiskRequest* request,
    v1::KeyPersonRisk* response) {
  return runner_.Run(
      context, "/refnet.v1.NetworkService/GetKeyPersonRisk", [=, this](const Principal& p) {
        REFNET_ASSIGN_OR_RETURN(std::string firm_id, rpc::FirmDataParent(p, request->parent()));
        std::string member_id;
        if (!request->member().empty()) {
          REFNET_ASSIGN_OR_RETURN(member_id,
                                  MemberOrCaller(p, firm_id, request->member(), "member"));
        }
        REFNET_ASSIGN_OR_RETURN(int32_t per_member,
                                Bounded(request->contacts_per_member(), kExposedDefault, 1,
                                        kExposedMax, "contacts_per_member"));
        return store_.Read([&](storage::Tx& tx) -> absl::Status {
          if (!member_id.empty())
            REFNET_RETURN_IF_ERROR(RequireMember(tx, firm_id, member_id, "member"));
          REFNET_ASSIGN_OR_RETURN(std::vector<MemberExposure> exposures,
                                  KeyPersonExposure(tx, firm_id, member_id));
          int64_t exposed = 0;
          for (const MemberExposure& e : exposures) {
            exposed += e.owed_points;
            v1::MemberExposure* out = response->add_members();
            out->set_member(MemberName(firm_id, e.member_id));
            out->set_owed_points(e.owed_points);
            out->set_contact_count(static_cast<int32_t>(e.contacts.size()));
            for (size_t i = 0; i < e.contacts.size() && i < static_cast<size_t>(per_member); ++i) {
              v1::ExposedContact* c = out->add_contacts();
              c->set_contact(ContactName(firm_id, e.contacts[i].contact_id));
              c->set_owed_points(e.contacts[i].owed_points);
            }
          }
          response->set_exposed_points(exposed);
          if (member_id.empty()) {
            REFNET_ASSIGN_OR_RETURN(auto debtors,
                                    tx.Ledger().TopContactBalances(firm_id, true, kTopDebtorsAll));
            int64_t owed = 0;
            for (const auto& [contact, points] : debtors) owed += points;
            response->set_owed_points(owed);
          }
          return absl::OkStatus();
        });
      });
}

}  // namespace refnet::network
