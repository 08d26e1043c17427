// Path search meets in the middle: a breadth-first walk back from the
// targets along connections (at most max_hops - 1 of them), checked against
// the contacts the member knows (one read) and, one level shorter, against
// the members who know each contact reached (a colleague's relationship).
// Candidates are first ranked by an upper bound of their score, then scored
// exactly (which reads balances) only until no unscored one can win.
#include "services/network/domain/intro_paths.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>

#include "absl/container/flat_hash_map.h"
#include "absl/container/node_hash_map.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "services/common/status.h"
#include "services/ledger/domain/balance_rules.h"

namespace refnet::network {
namespace {

// Candidate chains put together at most; the walk also stops growing at
// this many contacts reached.
constexpr size_t kCandidatesMax = 20000;
constexpr size_t kReachedMax = 50000;
// Reads the walk may make: contacts whose connections it reads, and
// contacts whose members it reads. A search that reaches either stops
// widening and says so.
constexpr int32_t kExpansionsMax = 1000;
constexpr int32_t kKnowerReadsMax = 500;
constexpr double kRecencyFloor = 0.25;
constexpr int64_t kFreshDays = 30;
constexpr double kRecencyHalfDays = 180;
constexpr size_t kContactPrefixSize = 9;  // "contacts/"

std::string MemberParty(absl::string_view id) { return absl::StrCat("members/", id); }
std::string ContactParty(absl::string_view id) { return absl::StrCat("contacts/", id); }

// One contact reached walking back from the targets.
struct Reached {
  int32_t depth = 0;
  // The next contacts towards a target.
  std::vector<std::string> toward_target;
};

// How a path enters the network: the member itself or a colleague, and the
// relationship to the first contact.
struct Entry {
  std::optional<std::string> colleague_id;
  Tie tie;
};

// A chain before it is scored: the entry, then contact ids down to a target.
struct Candidate {
  const Entry* entry;
  std::vector<std::string> contacts;
  double base = 0;   // every factor but reciprocity
  double bound = 0;  // the best the score could be
  int32_t hops() const {
    return static_cast<int32_t>(contacts.size()) + (entry->colleague_id ? 1 : 0);
  }
};

std::string DateText(absl::Time t) { return absl::FormatTime("%Y-%m-%d", t, absl::UTCTimeZone()); }

class PathSearch {
 public:
  PathSearch(storage::Tx& tx, const PathQuery& query) : tx_(tx), q_(query) {}

  absl::StatusOr<PathSearchResult> Run() {
    REFNET_RETURN_IF_ERROR(WalkBack());
    REFNET_RETURN_IF_ERROR(FindEntries());
    std::vector<Candidate> candidates = Assemble();
    REFNET_ASSIGN_OR_RETURN(std::vector<IntroPath> paths, Select(std::move(candidates)));
    return PathSearchResult{std::move(paths), truncated_};
  }

 private:
  absl::Status WalkBack() {
    std::vector<std::string> level;
    for (const std::string& id : q_.target_contact_ids) {
      if (reached_.emplace(id, Reached{}).second) level.push_back(id);
    }
    for (int32_t depth = 0; depth < q_.max_hops - 1 && !level.empty(); ++depth) {
      std::vector<std::string> next;
      for (const std::string& id : level) {
        if (expansions_++ >= kExpansionsMax) {
          truncated_ = true;
          break;
        }
        REFNET_ASSIGN_OR_RETURN(std::vector<std::string> neighbours,
                                tx_.Network().Neighbours(q_.firm_id, id));
        for (std::string& n : neighbours) {
          auto [it, added] = reached_.try_emplace(n);
          if (added) {
            if (reached_.size() > kReachedMax) {
              reached_.erase(it);
              truncated_ = true;
              continue;
            }
            it->second.depth = depth + 1;
            next.push_back(std::move(n));
          }
          if (it->second.depth == depth + 1) it->second.toward_target.push_back(id);
        }
      }
      level = std::move(next);
    }
    return absl::OkStatus();
  }

  absl::Status FindEntries() {
    REFNET_ASSIGN_OR_RETURN(std::vector<Tie> own,
                            tx_.Network().TiesOfMember(q_.firm_id, q_.from_member_id));
    for (Tie& tie : own) {
      if (reached_.contains(tie.contact_id))
        entries_.push_back(Entry{std::nullopt, std::move(tie)});
    }
    // A colleague adds a hop, so only contacts one hop short of the limit,
    // nearest the target first.
    std::vector<std::pair<int32_t, const std::string*>> near;
    for (const auto& [id, reached] : reached_) {
      if (reached.depth <= q_.max_hops - 2) near.emplace_back(reached.depth, &id);
    }
    std::sort(near.begin(), near.end(), [](const auto& a, const auto& b) {
      return a.first != b.first ? a.first < b.first : *a.second < *b.second;
    });
    if (near.size() > static_cast<size_t>(kKnowerReadsMax)) {
      near.resize(static_cast<size_t>(kKnowerReadsMax));
      truncated_ = true;
    }
    for (const auto& [depth, id] : near) {
      REFNET_ASSIGN_OR_RETURN(std::vector<Tie> knowers,
                              tx_.Network().TiesOfContact(q_.firm_id, *id));
      for (Tie& tie : knowers) {
        if (tie.member_id == q_.from_member_id) continue;
        std::string colleague = tie.member_id;
        entries_.push_back(Entry{std::move(colleague), std::move(tie)});
      }
    }
    // Deterministic order: the walk's map is not.
    std::sort(entries_.begin(), entries_.end(), [](const Entry& a, const Entry& b) {
      return std::tie(a.tie.contact_id, a.colleague_id) <
             std::tie(b.tie.contact_id, b.colleague_id);
    });
    return absl::OkStatus();
  }

  // Every chain from each entry down to a target, up to kCandidatesMax,
  // shortest entries first.
  std::vector<Candidate> Assemble() {
    std::vector<const Entry*> order;
    for (const Entry& e : entries_) order.push_back(&e);
    auto hops_of = [&](const Entry* e) {
      return reached_.at(e->tie.contact_id).depth + 1 + (e->colleague_id ? 1 : 0);
    };
    std::stable_sort(order.begin(), order.end(),
                     [&](const Entry* a, const Entry* b) { return hops_of(a) < hops_of(b); });
    std::vector<Candidate> out;
    for (const Entry* entry : order) {
      double first = TieFactor(entry->tie.strength, entry->tie.last_touch, q_.as_of) *
                     (entry->colleague_id ? kColleagueFactor : 1.0);
      Candidate start{entry, {entry->tie.contact_id}, first, 0};
      Extend(start, out);
      if (out.size() >= kCandidatesMax) break;
    }
    return out;
  }

  void Extend(Candidate& chain, std::vector<Candidate>& out) {
    if (out.size() >= kCandidatesMax) return;
    const Reached& at = reached_.at(chain.contacts.back());
    if (at.depth == 0) {
      // Each introducer may lift its hop by the most reciprocity gives.
      int introducers =
          static_cast<int>(chain.contacts.size()) - 1 + (chain.entry->colleague_id ? 1 : 0);
      chain.bound = chain.base * std::pow(1.0 + kOwesBonusMax, introducers);
      out.push_back(chain);
      return;
    }
    for (const std::string& next : at.toward_target) {
      chain.contacts.push_back(next);
      chain.base *= kConnectionFactor;
      Extend(chain, out);
      chain.base /= kConnectionFactor;
      chain.contacts.pop_back();
    }
  }

  absl::StatusOr<std::vector<IntroPath>> Select(std::vector<Candidate> candidates) {
    std::sort(candidates.begin(), candidates.end(),
              [](const Candidate& a, const Candidate& b) { return a.bound > b.bound; });
    std::vector<IntroPath> best;
    for (const Candidate& c : candidates) {
      if (best.size() >= static_cast<size_t>(q_.max_paths) &&
          c.bound < best[static_cast<size_t>(q_.max_paths) - 1].score) {
        break;
      }
      REFNET_ASSIGN_OR_RETURN(std::optional<IntroPath> path, Score(c));
      if (!path) continue;
      best.push_back(std::move(*path));
      std::sort(best.begin(), best.end(), Better);
      if (best.size() > static_cast<size_t>(q_.max_paths)) best.pop_back();
    }
    for (IntroPath& path : best) {
      REFNET_RETURN_IF_ERROR(NameConnections(path));
      REFNET_RETURN_IF_ERROR(Explain(path));
    }
    return best;
  }

  static bool Better(const IntroPath& a, const IntroPath& b) {
    if (a.score != b.score) return a.score > b.score;
    if (a.hops.size() != b.hops.size()) return a.hops.size() < b.hops.size();
    for (size_t i = 0; i < a.hops.size(); ++i) {
      if (a.hops[i].to != b.hops[i].to) return a.hops[i].to < b.hops[i].to;
    }
    return false;
  }

  // The exact score, or nullopt when an introducer cannot be used (an
  // archived contact, an inactive colleague).
  absl::StatusOr<std::optional<IntroPath>> Score(const Candidate& c) {
    IntroPath path;
    path.target = ContactParty(c.contacts.back());
    std::string from = MemberParty(q_.from_member_id);
    if (c.entry->colleague_id) {
      REFNET_ASSIGN_OR_RETURN(std::optional<int64_t> owes, ColleagueOwes(*c.entry->colleague_id));
      if (!owes) return std::nullopt;
      Hop hop;
      hop.from = from;
      hop.to = MemberParty(*c.entry->colleague_id);
      hop.kind = HopKind::kColleague;
      hop.balance_points = *owes;
      hop.factor = kColleagueFactor * ReciprocityFactor(*owes);
      from = hop.to;
      path.hops.push_back(std::move(hop));
    }
    for (size_t i = 0; i < c.contacts.size(); ++i) {
      const std::string& id = c.contacts[i];
      bool introducer = i + 1 < c.contacts.size();
      REFNET_ASSIGN_OR_RETURN(const ContactBrief* brief, Brief(id));
      if (brief == nullptr || (!brief->live && introducer)) return std::nullopt;
      Hop hop;
      hop.from = from;
      hop.to = ContactParty(id);
      if (i == 0) {
        hop.kind = HopKind::kRelationship;
        hop.strength = c.entry->tie.strength;
        hop.last_touch = c.entry->tie.last_touch;
        hop.factor = TieFactor(hop.strength, hop.last_touch, q_.as_of);
      } else {
        hop.kind = HopKind::kConnection;
        hop.factor = kConnectionFactor;
      }
      if (introducer) {
        REFNET_ASSIGN_OR_RETURN(hop.balance_points, OwesFirm(id));
        hop.factor *= ReciprocityFactor(hop.balance_points);
      }
      from = hop.to;
      path.hops.push_back(std::move(hop));
    }
    path.score = 1;
    for (const Hop& hop : path.hops) path.score *= hop.factor;
    return path;
  }

  absl::StatusOr<const ContactBrief*> Brief(const std::string& id) {
    auto it = briefs_.find(id);
    if (it == briefs_.end()) {
      REFNET_ASSIGN_OR_RETURN(std::optional<ContactBrief> brief,
                              tx_.Network().GetBrief(q_.firm_id, id));
      it = briefs_.emplace(id, std::move(brief)).first;
    }
    return it->second ? &*it->second : nullptr;
  }

  absl::StatusOr<int64_t> OwesFirm(const std::string& contact_id) {
    auto it = owes_firm_.find(contact_id);
    if (it != owes_firm_.end()) return it->second;
    REFNET_ASSIGN_OR_RETURN(
        int64_t owes, tx_.Ledger().FirmBalanceOfContact(q_.firm_id, ContactParty(contact_id)));
    owes_firm_.emplace(contact_id, owes);
    return owes;
  }

  // What the colleague owes the member (negative: what the member owes the
  // colleague); nullopt when the colleague is not an active member.
  absl::StatusOr<std::optional<int64_t>> ColleagueOwes(const std::string& colleague_id) {
    auto it = colleagues_.find(colleague_id);
    if (it != colleagues_.end()) return it->second;
    std::optional<int64_t> owes;
    REFNET_ASSIGN_OR_RETURN(const admin::Member* member, Member(colleague_id));
    if (member != nullptr && member->active) {
      std::string self = MemberParty(q_.from_member_id);
      auto [a, b] = ledger::OrderedPair(self, MemberParty(colleague_id));
      REFNET_ASSIGN_OR_RETURN(ledger::PairBalance pair, tx_.Ledger().GetPair(q_.firm_id, a, b));
      owes = ledger::FromSide(pair, self).net_points();
    }
    colleagues_.emplace(colleague_id, owes);
    return owes;
  }

  absl::StatusOr<const admin::Member*> Member(const std::string& id) {
    auto it = members_.find(id);
    if (it == members_.end()) {
      absl::StatusOr<admin::Member> member = tx_.Admin().GetMember(q_.firm_id, id);
      if (!member.ok() && !absl::IsNotFound(member.status())) return member.status();
      std::optional<admin::Member> found;
      if (member.ok()) found = std::move(*member);
      it = members_.emplace(id, std::move(found)).first;
    }
    return it->second ? &*it->second : nullptr;
  }

  absl::StatusOr<std::string> NameOf(const std::string& party) {
    if (absl::StartsWith(party, "members/")) {
      REFNET_ASSIGN_OR_RETURN(const admin::Member* m, Member(party.substr(8)));
      return m != nullptr ? m->display_name : party;
    }
    REFNET_ASSIGN_OR_RETURN(const ContactBrief* c, Brief(party.substr(9)));
    return c != nullptr ? c->display_name : party;
  }

  // The connection behind each connection hop, read for the chosen paths only.
  absl::Status NameConnections(IntroPath& path) {
    for (Hop& hop : path.hops) {
      if (hop.kind != HopKind::kConnection) continue;
      std::string a = hop.from.substr(kContactPrefixSize);
      std::string b = hop.to.substr(kContactPrefixSize);
      if (b < a) std::swap(a, b);
      REFNET_ASSIGN_OR_RETURN(std::optional<contacts::Connection> connection,
                              tx_.Contacts().GetConnection(q_.firm_id, a, b));
      if (connection) hop.connection_id = connection->id;
    }
    return absl::OkStatus();
  }

  absl::Status Explain(IntroPath& path) {
    for (size_t i = 0; i < path.hops.size(); ++i) {
      Hop& hop = path.hops[i];
      bool last = i + 1 == path.hops.size();
      REFNET_ASSIGN_OR_RETURN(std::string from, NameOf(hop.from));
      REFNET_ASSIGN_OR_RETURN(std::string to, NameOf(hop.to));
      if (i == 0) from = "you";
      switch (hop.kind) {
        case HopKind::kColleague:
          hop.reason = absl::StrCat(to, " is your colleague");
          if (hop.balance_points > 0) {
            absl::StrAppend(&hop.reason, " and owes you ", hop.balance_points, " points");
          } else if (hop.balance_points < 0) {
            absl::StrAppend(&hop.reason, "; you owe them ", -hop.balance_points, " points");
          }
          break;
        case HopKind::kRelationship:
          hop.reason = absl::StrCat(from, i == 0 ? " know " : " knows ", to, " (strength ",
                                    hop.strength, ", ");
          absl::StrAppend(&hop.reason,
                          hop.last_touch ? absl::StrCat("last touch ", DateText(*hop.last_touch))
                                         : std::string("never touched"),
                          ")");
          break;
        case HopKind::kConnection:
          hop.reason = absl::StrCat(from, " knows ", to);
          break;
      }
      if (!last && hop.kind != HopKind::kColleague) {
        if (hop.balance_points > 0) {
          absl::StrAppend(&hop.reason, "; owes the firm ", hop.balance_points, " points");
        } else if (hop.balance_points < 0) {
          absl::StrAppend(&hop.reason, "; the firm owes them ", -hop.balance_points, " points");
        }
      }
    }
    return absl::OkStatus();
  }

  storage::Tx& tx_;
  const PathQuery& q_;
  absl::flat_hash_map<std::string, Reached> reached_;
  int32_t expansions_ = 0;
  bool truncated_ = false;
  std::vector<Entry> entries_;
  // Node maps: callers hold pointers into them across later lookups.
  absl::node_hash_map<std::string, std::optional<ContactBrief>> briefs_;
  absl::flat_hash_map<std::string, int64_t> owes_firm_;
  absl::flat_hash_map<std::string, std::optional<int64_t>> colleagues_;
  absl::node_hash_map<std::string, std::optional<admin::Member>> members_;
};

}  // namespace

double TieFactor(int32_t strength, const std::optional<absl::Time>& last_touch, absl::Time as_of) {
  double recency = kRecencyFloor;
  if (last_touch) {
    double days = std::max(0.0, absl::ToDoubleHours(as_of - *last_touch) / 24);
    double past_fresh = std::max(0.0, days - static_cast<double>(kFreshDays));
    recency = std::max(kRecencyFloor, 1.0 / (1.0 + past_fresh / kRecencyHalfDays));
  }
  return std::clamp(strength, 1, 5) / 5.0 * recency;
}

double ReciprocityFactor(int64_t owes_points) {
  if (owes_points > 0) {
    return 1.0 + kOwesBonusMax * static_cast<double>(std::min(owes_points, kOwesBonusPoints)) /
                     static_cast<double>(kOwesBonusPoints);
  }
  return 1.0 - (1.0 - kLeanedOnFloor) *
                   static_cast<double>(std::min(-owes_points, kLeanedOnPoints)) /
                   static_cast<double>(kLeanedOnPoints);
}

absl::StatusOr<PathSearchResult> FindIntroPaths(storage::Tx& tx, const PathQuery& query) {
  if (query.target_contact_ids.empty() || query.max_paths <= 0) return PathSearchResult{};
  return PathSearch(tx, query).Run();
}

}  // namespace refnet::network
