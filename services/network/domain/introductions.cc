// The offers and needs of the contacts in scope are read once and indexed
// by word; each need word then meets the contacts offering it. Common words
// are capped per side so a firm-wide call stays bounded.
#include "services/network/domain/introductions.h"

#include <algorithm>
#include <map>
#include <set>

#include "absl/container/flat_hash_map.h"
#include "absl/container/node_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/asks/domain/matching.h"
#include "services/common/status.h"

namespace refnet::network {
namespace {

// Contacts read at most, and contacts per word per side.
constexpr int32_t kContactsMax = 20000;
constexpr size_t kPerWordMax = 200;
// Pairs whose introducer is looked up, at most, across the whole firm.
constexpr size_t kFirmPairsWeighed = 2000;

struct Words {
  std::set<std::string> offers;
  std::set<std::string> needs;
};

std::set<std::string> WordsOf(const std::vector<std::string>& phrases) {
  std::set<std::string> words;
  for (const std::string& phrase : phrases) words.merge(asks::MatchWords(phrase));
  return words;
}

// The phrases of `phrases` that hold one of `words`, for the reason.
std::string PhrasesWith(const std::vector<std::string>& phrases,
                        const std::vector<std::string>& words) {
  std::vector<std::string> hits;
  for (const std::string& phrase : phrases) {
    std::set<std::string> own = asks::MatchWords(phrase);
    for (const std::string& w : words) {
      if (own.contains(w)) {
        hits.push_back(phrase);
        break;
      }
    }
  }
  return absl::StrJoin(hits, ", ");
}

struct Introducer {
  std::string member_id;
  int32_t offering_strength = 0;
  int32_t needing_strength = 0;
};

// Two contacts whose offer and need share `shared` words, scored once the
// introducer is known; no introducer: the pair is left out.
struct Pair {
  int64_t score = 0;
  uint32_t shared = 0;
  uint32_t offering = 0;
  uint32_t needing = 0;
  std::optional<Introducer> introducer;
};

class IntroductionSearch {
 public:
  IntroductionSearch(storage::Tx& tx, const std::string& firm_id, const std::string& member_id)
      : tx_(tx), firm_id_(firm_id), member_id_(member_id) {}

  absl::StatusOr<std::vector<Introduction>> Run(int32_t limit) {
    REFNET_ASSIGN_OR_RETURN(briefs_,
                            tx_.Network().MatchableContacts(firm_id_, member_id_, kContactsMax));
    if (!member_id_.empty()) {
      REFNET_ASSIGN_OR_RETURN(std::vector<Tie> ties,
                              tx_.Network().TiesOfMember(firm_id_, member_id_));
      for (const Tie& tie : ties) own_strength_[tie.contact_id] = tie.strength;
    }
    // Words as numbers; for each word the contacts offering it, and for each
    // contact the words it needs (each side capped per word).
    std::map<std::string, uint32_t> word_ids;
    std::vector<std::vector<uint32_t>> offered;
    std::vector<uint32_t> needers;
    std::vector<std::vector<uint32_t>> needs(briefs_.size());
    auto id_of = [&](const std::string& word) {
      auto [it, added] = word_ids.emplace(word, static_cast<uint32_t>(offered.size()));
      if (added) {
        offered.emplace_back();
        needers.push_back(0);
      }
      return it->second;
    };
    std::vector<Words> words(briefs_.size());
    for (uint32_t i = 0; i < briefs_.size(); ++i) {
      words[i].offers = WordsOf(briefs_[i].offers);
      words[i].needs = WordsOf(briefs_[i].needs);
      for (const std::string& w : words[i].offers) {
        std::vector<uint32_t>& list = offered[id_of(w)];
        if (list.size() < kPerWordMax) list.push_back(i);
      }
      for (const std::string& w : words[i].needs) {
        uint32_t id = id_of(w);
        if (needers[id]++ < kPerWordMax) needs[i].push_back(id);
      }
    }
    // Shared words per pair, counted needing contact by needing contact.
    std::vector<Pair> pairs;
    std::vector<uint32_t> counts(briefs_.size(), 0);
    std::vector<uint32_t> touched;
    for (uint32_t n = 0; n < briefs_.size(); ++n) {
      for (uint32_t w : needs[n]) {
        for (uint32_t o : offered[w]) {
          if (o != n && counts[o]++ == 0) touched.push_back(o);
        }
      }
      for (uint32_t o : touched) {
        pairs.push_back(Pair{0, counts[o], o, n, std::nullopt});
        counts[o] = 0;
      }
      touched.clear();
    }
    REFNET_RETURN_IF_ERROR(Score(pairs));
    // Best first, by score then by the contacts' ids (briefs_ is in id order).
    auto better = [](const Pair& a, const Pair& b) {
      if (a.score != b.score) return a.score > b.score;
      return std::tie(a.offering, a.needing) < std::tie(b.offering, b.needing);
    };
    size_t ranked = std::min(pairs.size(), std::max<size_t>(256, static_cast<size_t>(limit) * 16));
    std::partial_sort(pairs.begin(), pairs.begin() + static_cast<std::ptrdiff_t>(ranked),
                      pairs.end(), better);
    std::vector<Introduction> out;
    for (size_t i = 0; i < pairs.size(); ++i) {
      if (out.size() >= static_cast<size_t>(limit)) break;
      if (i == ranked)
        std::sort(pairs.begin() + static_cast<std::ptrdiff_t>(i), pairs.end(), better);
      const Pair& s = pairs[i];
      if (!s.introducer) continue;
      const ContactBrief& offering = briefs_[s.offering];
      const ContactBrief& needing = briefs_[s.needing];
      REFNET_ASSIGN_OR_RETURN(bool connected,
                              tx_.Network().Connected(firm_id_, offering.id, needing.id));
      if (connected) continue;
      Introduction intro;
      intro.offering = absl::StrCat("contacts/", offering.id);
      intro.needing = absl::StrCat("contacts/", needing.id);
      REFNET_ASSIGN_OR_RETURN(bool introduced,
                              tx_.Network().Introduced(firm_id_, intro.offering, intro.needing));
      if (introduced) continue;
      intro.introducer = absl::StrCat("members/", s.introducer->member_id);
      std::set_intersection(words[s.offering].offers.begin(), words[s.offering].offers.end(),
                            words[s.needing].needs.begin(), words[s.needing].needs.end(),
                            std::back_inserter(intro.shared_words));
      intro.score = s.score;
      intro.reason = absl::StrCat(
          offering.display_name, " offers ", PhrasesWith(offering.offers, intro.shared_words), "; ",
          needing.display_name, " needs ", PhrasesWith(needing.needs, intro.shared_words));
      out.push_back(std::move(intro));
    }
    return out;
  }

 private:
  // Scores every pair. Across the firm the introducer is read from the
  // store, so only the pairs sharing the most words are weighed.
  absl::Status Score(std::vector<Pair>& pairs) {
    if (member_id_.empty() && pairs.size() > kFirmPairsWeighed) {
      auto more_shared = [](const Pair& a, const Pair& b) {
        if (a.shared != b.shared) return a.shared > b.shared;
        return std::tie(a.offering, a.needing) < std::tie(b.offering, b.needing);
      };
      std::nth_element(pairs.begin(), pairs.begin() + kFirmPairsWeighed, pairs.end(), more_shared);
      pairs.resize(kFirmPairsWeighed);
    }
    if (!member_id_.empty()) {
      // The member introduces; strengths by position, read once.
      std::vector<int32_t> strength(briefs_.size(), 0);
      for (size_t i = 0; i < briefs_.size(); ++i) strength[i] = own_strength_[briefs_[i].id];
      for (Pair& p : pairs) {
        p.introducer = Introducer{member_id_, strength[p.offering], strength[p.needing]};
        p.score = static_cast<int64_t>(p.shared) * (strength[p.offering] + strength[p.needing]);
      }
      return absl::OkStatus();
    }
    for (Pair& p : pairs) {
      REFNET_ASSIGN_OR_RETURN(p.introducer,
                              BestIntroducer(briefs_[p.offering].id, briefs_[p.needing].id));
      if (p.introducer) {
        p.score = static_cast<int64_t>(p.shared) *
                  (p.introducer->offering_strength + p.introducer->needing_strength);
      }
    }
    return absl::OkStatus();
  }

  // The member who knows both best: the highest weaker strength, then the
  // highest sum, then the first id.
  absl::StatusOr<std::optional<Introducer>> BestIntroducer(const std::string& offering,
                                                           const std::string& needing) {
    REFNET_ASSIGN_OR_RETURN(const std::vector<Tie>* a, Knowers(offering));
    REFNET_ASSIGN_OR_RETURN(const std::vector<Tie>* b, Knowers(needing));
    std::optional<Introducer> best;
    for (const Tie& x : *a) {
      for (const Tie& y : *b) {
        if (x.member_id != y.member_id) continue;
        Introducer candidate{x.member_id, x.strength, y.strength};
        auto key = [](const Introducer& i) {
          return std::make_pair(std::min(i.offering_strength, i.needing_strength),
                                i.offering_strength + i.needing_strength);
        };
        if (!best || key(candidate) > key(*best) ||
            (key(candidate) == key(*best) && candidate.member_id < best->member_id)) {
          best = candidate;
        }
      }
    }
    return best;
  }

  absl::StatusOr<const std::vector<Tie>*> Knowers(const std::string& contact_id) {
    auto it = knowers_.find(contact_id);
    if (it == knowers_.end()) {
      REFNET_ASSIGN_OR_RETURN(std::vector<Tie> ties,
                              tx_.Network().TiesOfContact(firm_id_, contact_id));
      it = knowers_.emplace(contact_id, std::move(ties)).first;
    }
    return &it->second;
  }

  storage::Tx& tx_;
  const std::string& firm_id_;
  const std::string& member_id_;
  std::vector<ContactBrief> briefs_;
  absl::flat_hash_map<std::string, int32_t> own_strength_;
  // A node map: BestIntroducer holds one entry while looking up another.
  absl::node_hash_map<std::string, std::vector<Tie>> knowers_;
};

}  // namespace

absl::StatusOr<std::vector<Introduction>> SuggestIntroductions(storage::Tx& tx,
                                                               const std::string& firm_id,
                                                               const std::string& member_id,
                                                               int32_t limit) {
  return IntroductionSearch(tx, firm_id, member_id).Run(limit);
}

}  // namespace refnet::network
