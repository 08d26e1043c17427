// Asks the member can help with: others' open asks that a contact the member
// knows can meet, because the contact's offers or tags share a word with the
// ask's need or tags (the words asks::MatchWords compares).
#include <algorithm>
#include <map>
#include <set>

#include "absl/strings/str_cat.h"
#include "services/asks/domain/matching.h"
#include "services/common/status.h"
#include "services/review/domain/review_rules.h"
#include "services/review/domain/sections.h"

namespace refnet::review {
namespace {

// The firm's most recent open asks looked at, at most.
constexpr int32_t kAsksLookedAtMax = 200;
// Contacts kept per word: enough that the asker itself never hides the others.
constexpr size_t kContactsPerWordMax = 2;

std::set<std::string> AskWords(const asks::Ask& ask) {
  std::set<std::string> words = asks::MatchWords(ask.need);
  for (const std::string& tag : ask.tags) {
    std::set<std::string> more = asks::MatchWords(tag);
    words.insert(more.begin(), more.end());
  }
  return words;
}

// For each word some ask wants, the member's contacts that offer it or carry
// it as a tag, fewest ids first.
using WordIndex = std::map<std::string, std::vector<const KnownContact*>>;

WordIndex IndexContacts(const std::vector<KnownContact>& known,
                        const std::set<std::string>& wanted) {
  WordIndex index;
  for (const KnownContact& contact : known) {
    for (const std::string& word : asks::MatchWords(contact.match_text)) {
      if (wanted.count(word) == 0) continue;
      std::vector<const KnownContact*>& list = index[word];
      list.push_back(&contact);
      std::sort(list.begin(), list.end(),
                [](const KnownContact* a, const KnownContact* b) { return a->id < b->id; });
      if (list.size() > kContactsPerWordMax) list.pop_back();
    }
  }
  return index;
}

struct Candidate {
  Rank rank;
  const asks::Ask* ask;
  std::set<std::string> words;
};

}  // namespace

absl::StatusOr<std::vector<Item>> HelpAsks(ReviewContext& context) {
  const ReviewQuery& query = context.query();
  REFNET_ASSIGN_OR_RETURN(std::vector<asks::Ask> open,
                          context.tx().Review().RecentOpenAsks(query.firm_id, kAsksLookedAtMax));
  std::vector<Candidate> candidates;
  std::set<std::string> wanted;
  for (const asks::Ask& ask : open) {
    if (ask.asker == query.party() || ask.create_time > query.as_of) continue;
    Candidate c{Rank{-absl::ToUnixMicros(ask.create_time),
                     absl::StrCat("firms/", query.firm_id, "/asks/", ask.id)},
                &ask, AskWords(ask)};
    if (c.words.empty()) continue;
    wanted.insert(c.words.begin(), c.words.end());
    candidates.push_back(std::move(c));
  }
  if (candidates.empty()) return std::vector<Item>();
  REFNET_ASSIGN_OR_RETURN(
      std::vector<KnownContact> known,
      context.tx().Review().ContactsKnownBy(query.firm_id, query.member_id, query.as_of));
  WordIndex index = IndexContacts(known, wanted);
  KeepTop(candidates, candidates.size());
  std::vector<Item> items;
  for (const Candidate& c : candidates) {
    if (items.size() >= context.items_max()) break;
    const KnownContact* helper = nullptr;
    std::string word;
    for (const std::string& w : c.words) {
      auto found = index.find(w);
      if (found == index.end()) continue;
      for (const KnownContact* contact : found->second) {
        if (c.ask->asker == absl::StrCat("contacts/", contact->id)) continue;
        helper = contact;
        break;
      }
      if (helper != nullptr) {
        word = w;
        break;
      }
    }
    if (helper == nullptr) continue;
    REFNET_ASSIGN_OR_RETURN(std::string asker, context.DisplayName(c.ask->asker));
    Item item;
    item.section = Section::kHelpAsk;
    item.reason = absl::StrCat(asker, " asks for \"", c.ask->need, "\"; your contact ",
                               helper->display_name, " matches \"", word, "\"");
    item.resources = {c.rank.name, absl::StrCat("firms/", query.firm_id, "/contacts/", helper->id)};
    item.since = c.ask->create_time;
    item.party = context.FullName(c.ask->asker);
    items.push_back(std::move(item));
  }
  return items;
}

}  // namespace refnet::review
