// The offers and needs of the contacts in scope are read once and indexed
// by word; each need word then meets the contacts offering it. Common words
// are capped per side so a firm-wide call stays bounded.
#include "services/network/domain/introductions.h"

#include <algorithm>
#include <map>
#include <set>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/asks/domain/matching.h"
#include "services/common/status.h"

namespace refnet::network {
namespace {

// Contacts read at most, and contacts per word per side.
constexpr int32_t kContactsMax = 20000;
constexpr size_t kPerWordMax = 200;

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

class IntroductionSearch {
 public:
  IntroductionSearch(storage::Tx& tx, const std::string& firm_id, const std::string& member_id)
      : tx_(tx), firm_id_(firm_id), member_id_(member_id) {}

  absl::StatusOr<std::vector<Introduction>> Run(int32_t limit) {
    REFNET_ASSIGN_OR_RETURN(briefs_, tx_.Network().MatchableContacts(firm_id_, member_id_,
                                                                     kContactsMax));
    if (!member_id_.empty()) {
      REFNET_ASSIGN_OR_RETURN(std::vector<Tie> ties, tx_.Network().TiesOfMember(firm_id_, member_id_));
      for (const Tie& tie : ties) own_strength_[tie.contact_id] = tie.strength;
    }
    // word → contacts offering it, and → contacts needing it, by index.
    std::map<std::string, std::vector<size_t>> offered, needed;
    std::vector<Words> words(briefs_.size());
    for (size_t i = 0; i < briefs_.size(); ++i) {
      words[i].offers = WordsOf(briefs_[i].offers);
      words[i].needs = WordsOf(briefs_[i].needs);
      for (const std::string& w : words[i].offers) {
        if (offered[w].size() < kPerWordMax) offered[w].push_back(i);
      }
      for (const std::string& w : words[i].needs) {
        if (needed[w].size() < kPerWordMax) needed[w].push_back(i);
      }
    }
    std::map<std::pair<size_t, size_t>, std::vector<std::string>> shared;
    for (const auto& [word, needers] : needed) {
      auto it = offered.find(word);
      if (it == offered.end()) continue;
      for (size_t n : needers) {
        for (size_t o : it->second) {
          if (o != n) shared[{o, n}].push_back(word);
        }
      }
    }
    struct Scored {
      int64_t score;
      size_t offering;
      size_t needing;
      const std::vector<std::string>* words;
      Introducer introducer;
    };
    std::vector<Scored> scored;
    for (const auto& [pair, common] : shared) {
      REFNET_ASSIGN_OR_RETURN(std::optional<Introducer> introducer,
                              BestIntroducer(briefs_[pair.first].id, briefs_[pair.second].id));
      if (!introducer) continue;
      int64_t score = static_cast<int64_t>(common.size()) *
                      (introducer->offering_strength + introducer->needing_strength);
      scored.push_back(Scored{score, pair.first, pair.second, &common, std::move(*introducer)});
    }
    std::sort(scored.begin(), scored.end(), [&](const Scored& a, const Scored& b) {
      if (a.score != b.score) return a.score > b.score;
      return std::tie(briefs_[a.offering].id, briefs_[a.needing].id) <
             std::tie(briefs_[b.offering].id, briefs_[b.needing].id);
    });
    std::vector<Introduction> out;
    for (const Scored& s : scored) {
      if (out.size() >= static_cast<size_t>(limit)) break;
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
      intro.introducer = absl::StrCat("members/", s.introducer.member_id);
      intro.shared_words = *s.words;
      intro.score = s.score;
      intro.reason = absl::StrCat(offering.display_name, " offers ",
                                  PhrasesWith(offering.offers, *s.words), "; ",
                                  needing.display_name, " needs ",
                                  PhrasesWith(needing.needs, *s.words));
      out.push_back(std::move(intro));
    }
    return out;
  }

 private:
  absl::StatusOr<std::optional<Introducer>> BestIntroducer(const std::string& offering,
                                                           const std::string& needing) {
    if (!member_id_.empty()) {
      return Introducer{member_id_, own_strength_[offering], own_strength_[needing]};
    }
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
  absl::flat_hash_map<std::string, std::vector<Tie>> knowers_;
};

}  // namespace

absl::StatusOr<std::vector<Introduction>> SuggestIntroductions(storage::Tx& tx,
                                                               const std::string& firm_id,
                                                               const std::string& member_id,
                                                               int32_t limit) {
  return IntroductionSearch(tx, firm_id, member_id).Run(limit);
}

}  // namespace refnet::network
