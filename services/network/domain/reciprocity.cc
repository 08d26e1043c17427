#include "services/network/domain/reciprocity.h"

#include <algorithm>
#include <set>

#include "absl/container/node_hash_map.h"
#include "absl/strings/match.h"
#include "services/common/status.h"

namespace refnet::network {
namespace {

constexpr absl::string_view kMemberPrefix = "members/";
constexpr absl::string_view kContactPrefix = "contacts/";
// Loops kept at most before ranking.
constexpr size_t kLoopsKeptMax = 100000;
constexpr int32_t kMembersPage = 1000;

bool ByPointsThenName(const GivenEdge& a, const GivenEdge& b) {
  return a.points != b.points ? a.points > b.points : a.receiver < b.receiver;
}

absl::StatusOr<std::vector<std::string>> MemberIds(storage::Tx& tx, const std::string& firm_id) {
  std::vector<std::string> ids;
  int64_t after = 0;
  while (true) {
    REFNET_ASSIGN_OR_RETURN(
        std::vector<admin::Member> page,
        tx.Admin().ListMembers(firm_id, /*include_inactive=*/true, after, kMembersPage));
    for (const admin::Member& m : page) ids.push_back(m.id);
    if (page.size() < static_cast<size_t>(kMembersPage)) return ids;
    after = page.back().position;
  }
}

class LoopFinder {
 public:
  LoopFinder(storage::Tx& tx, const std::string& firm_id, int32_t max_length)
      : tx_(tx), firm_id_(firm_id), max_length_(max_length) {}

  absl::StatusOr<LoopSearch> Run(const std::vector<std::string>& member_ids, int32_t limit) {
    // What the firm gave each contact, over the members in scope.
    std::map<std::string, int64_t> firm_gave;
    for (const std::string& id : member_ids) {
      REFNET_ASSIGN_OR_RETURN(std::vector<GivenEdge> edges,
                              tx_.Network().GivenBy(firm_id_, absl::StrCat(kMemberPrefix, id)));
      for (const GivenEdge& e : edges) {
        if (absl::StartsWith(e.receiver, kContactPrefix)) firm_gave[e.receiver] += e.points;
      }
    }
    std::vector<GivenEdge> starts;
    for (const auto& [contact, points] : firm_gave) starts.push_back(GivenEdge{contact, points});
    std::sort(starts.begin(), starts.end(), ByPointsThenName);
    for (const GivenEdge& start : starts) {
      if (truncated_) break;
      path_ = {start.receiver};
      steps_ = {start.points};
      REFNET_RETURN_IF_ERROR(Walk());
    }
    std::sort(found_.begin(), found_.end(), [](const Loop& a, const Loop& b) {
      if (a.credit_points != b.credit_points) return a.credit_points > b.credit_points;
      if (a.parties.size() != b.parties.size()) return a.parties.size() < b.parties.size();
      return a.parties < b.parties;
    });
    if (found_.size() > static_cast<size_t>(limit)) found_.resize(static_cast<size_t>(limit));
    return LoopSearch{std::move(found_), truncated_};
  }

 private:
  // At the last contact of path_: closes a loop when it gave back to the
  // firm, and walks on to the contacts it gave to.
  absl::Status Walk() {
    REFNET_ASSIGN_OR_RETURN(const Giving* giving, GivingOf(path_.back()));
    if (giving == nullptr) return absl::OkStatus();
    if (path_.size() >= 2 && giving->to_firm > 0 && found_.size() < kLoopsKeptMax) {
      Loop loop;
      loop.parties = path_;
      loop.step_points = steps_;
      loop.step_points.push_back(giving->to_firm);
      loop.credit_points = *std::min_element(loop.step_points.begin(), loop.step_points.end());
      found_.push_back(std::move(loop));
    }
    // One more contact makes path_.size() + 2 favours.
    if (static_cast<int32_t>(path_.size()) + 2 > max_length_) return absl::OkStatus();
    for (const GivenEdge& next : giving->to_contacts) {
      if (truncated_) break;
      if (std::find(path_.begin(), path_.end(), next.receiver) != path_.end()) continue;
      path_.push_back(next.receiver);
      steps_.push_back(next.points);
      REFNET_RETURN_IF_ERROR(Walk());
      path_.pop_back();
      steps_.pop_back();
    }
    return absl::OkStatus();
  }

  struct Giving {
    int64_t to_firm = 0;
    std::vector<GivenEdge> to_contacts;  // by points, then name
  };

  // nullptr once the search has read as many contacts as it may.
  absl::StatusOr<const Giving*> GivingOf(const std::string& contact) {
    auto it = giving_.find(contact);
    if (it != giving_.end()) return &it->second;
    if (giving_.size() >= static_cast<size_t>(kLoopExpansionsMax)) {
      truncated_ = true;
      return nullptr;
    }
    REFNET_ASSIGN_OR_RETURN(std::vector<GivenEdge> edges, tx_.Network().GivenBy(firm_id_, contact));
    Giving giving;
    for (GivenEdge& e : edges) {
      if (absl::StartsWith(e.receiver, kMemberPrefix)) {
        giving.to_firm += e.points;
      } else {
        giving.to_contacts.push_back(std::move(e));
      }
    }
    std::sort(giving.to_contacts.begin(), giving.to_contacts.end(), ByPointsThenName);
    return &giving_.emplace(contact, std::move(giving)).first->second;
  }

  storage::Tx& tx_;
  const std::string& firm_id_;
  int32_t max_length_;
  // A node map: each level of the walk holds its entry while deeper levels
  // add theirs.
  absl::node_hash_map<std::string, Giving> giving_;
  std::vector<std::string> path_;
  std::vector<int64_t> steps_;
  std::vector<Loop> found_;
  bool truncated_ = false;
};

void SortMoves(std::vector<Move>& moves) {
  std::sort(moves.begin(), moves.end(), [](const Move& a, const Move& b) {
    if (a.points != b.points) return a.points > b.points;
    return std::tie(a.from, a.to) < std::tie(b.from, b.to);
  });
}

}  // namespace

absl::StatusOr<LoopSearch> FindLoops(storage::Tx& tx, const std::string& firm_id,
                                     const std::string& member_id, int32_t max_length,
                                     int32_t limit) {
  std::vector<std::string> members;
  if (member_id.empty()) {
    REFNET_ASSIGN_OR_RETURN(members, MemberIds(tx, firm_id));
  } else {
    members.push_back(member_id);
  }
  return LoopFinder(tx, firm_id, max_length).Run(members, limit);
}

std::vector<Move> SettleNets(const std::map<std::string, int64_t>& nets) {
  // Creditors gave more than they got; debtors should give back.
  std::vector<std::pair<std::string, int64_t>> creditors, debtors;
  for (const auto& [party, net] : nets) {
    if (net > 0) creditors.emplace_back(party, net);
    if (net < 0) debtors.emplace_back(party, -net);
  }
  std::vector<Move> moves;
  // Equal amounts settle each other in one move.
  std::multimap<int64_t, size_t> open_creditors;
  for (size_t i = 0; i < creditors.size(); ++i) open_creditors.emplace(creditors[i].second, i);
  for (auto& [debtor, owed] : debtors) {
    auto it = open_creditors.find(owed);
    if (it == open_creditors.end()) continue;
    auto& creditor = creditors[it->second];
    moves.push_back(Move{debtor, creditor.first, owed});
    creditor.second = 0;
    owed = 0;
    open_creditors.erase(it);
  }
  // Then the largest debtor pays the largest creditor.
  auto larger = [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second < b.second : a.first > b.first;
  };
  std::vector<std::pair<std::string, int64_t>> c_heap, d_heap;
  for (auto& c : creditors) {
    if (c.second > 0) c_heap.push_back(std::move(c));
  }
  for (auto& d : debtors) {
    if (d.second > 0) d_heap.push_back(std::move(d));
  }
  std::make_heap(c_heap.begin(), c_heap.end(), larger);
  std::make_heap(d_heap.begin(), d_heap.end(), larger);
  while (!c_heap.empty() && !d_heap.empty()) {
    std::pop_heap(c_heap.begin(), c_heap.end(), larger);
    std::pop_heap(d_heap.begin(), d_heap.end(), larger);
    auto& c = c_heap.back();
    auto& d = d_heap.back();
    int64_t points = std::min(c.second, d.second);
    moves.push_back(Move{d.first, c.first, points});
    c.second -= points;
    d.second -= points;
    if (c.second == 0) {
      c_heap.pop_back();
    } else {
      std::push_heap(c_heap.begin(), c_heap.end(), larger);
    }
    if (d.second == 0) {
      d_heap.pop_back();
    } else {
      std::push_heap(d_heap.begin(), d_heap.end(), larger);
    }
  }
  SortMoves(moves);
  return moves;
}

absl::StatusOr<std::map<std::string, int64_t>> FirmNets(storage::Tx& tx,
                                                        const std::string& firm_id) {
  REFNET_ASSIGN_OR_RETURN(std::vector<ledger::PartyTotals> totals, tx.Ledger().AllTotals(firm_id));
  std::map<std::string, int64_t> nets;
  for (const ledger::PartyTotals& t : totals) {
    std::string party = absl::StartsWith(t.party, kMemberPrefix) ? std::string() : t.party;
    nets[party] += t.given_points - t.received_points;
  }
  return nets;
}

absl::StatusOr<std::vector<Move>> PairMoves(storage::Tx& tx, const std::string& firm_id) {
  REFNET_ASSIGN_OR_RETURN(std::vector<ledger::PairBalance> pairs, tx.Ledger().AllPairs(firm_id));
  std::vector<Move> moves;
  for (const ledger::PairBalance& p : pairs) {
    int64_t net = p.a_given_points - p.b_given_points;
    if (net > 0) moves.push_back(Move{p.party_b, p.party_a, net});
    if (net < 0) moves.push_back(Move{p.party_a, p.party_b, -net});
  }
  SortMoves(moves);
  return moves;
}

absl::StatusOr<std::vector<MemberExposure>> KeyPersonExposure(storage::Tx& tx,
                                                              const std::string& firm_id,
                                                              const std::string& member_id) {
  REFNET_ASSIGN_OR_RETURN(auto sole, tx.Network().SoleKnowers(firm_id, member_id));
  std::map<std::string, MemberExposure> by_member;
  for (const auto& [member, contact] : sole) {
    REFNET_ASSIGN_OR_RETURN(int64_t owed, tx.Ledger().FirmBalanceOfContact(
                                              firm_id, absl::StrCat(kContactPrefix, contact)));
    if (owed <= 0) continue;
    MemberExposure& e = by_member[member];
    e.member_id = member;
    e.owed_points += owed;
    e.contacts.push_back(ExposedContact{contact, owed});
  }
  std::vector<MemberExposure> out;
  for (auto& [id, e] : by_member) {
    std::sort(e.contacts.begin(), e.contacts.end(),
              [](const ExposedContact& a, const ExposedContact& b) {
                return a.owed_points != b.owed_points ? a.owed_points > b.owed_points
                                                      : a.contact_id < b.contact_id;
              });
    out.push_back(std::move(e));
  }
  std::sort(out.begin(), out.end(), [](const MemberExposure& a, const MemberExposure& b) {
    return a.owed_points != b.owed_points ? a.owed_points > b.owed_points
                                          : a.member_id < b.member_id;
  });
  return out;
}

}  // namespace refnet::network
