// The pure merge rules: which fields a survivor keeps and gains.
#include "gtest/gtest.h"
#include "services/contacts/domain/contact_book.h"

namespace refnet::contacts {
namespace {

TEST(MergeRulesTest, SurvivorKeepsItsFieldsAndGainsTheMissingOnes) {
  Contact survivor;
  survivor.display_name = "Ann Lee";
  survivor.emails = {"ann@globex.com"};
  survivor.tags = {"fintech"};
  survivor.notes = "Prefers mornings.";
  Contact merged;
  merged.display_name = "A. Lee";
  merged.organization = "Globex";
  merged.emails = {"ANN@globex.com", "alee@home.test"};
  merged.tags = {"fintech", "vc"};
  merged.phones = {"+1 555 0100"};
  merged.notes = "Met at the summit.";
  MergeContactFields(merged, survivor);
  EXPECT_EQ(survivor.display_name, "Ann Lee");
  EXPECT_EQ(survivor.organization, "Globex");
  EXPECT_EQ(survivor.emails, (std::vector<std::string>{"ann@globex.com", "alee@home.test"}));
  EXPECT_EQ(survivor.tags, (std::vector<std::string>{"fintech", "vc"}));
  EXPECT_EQ(survivor.phones, (std::vector<std::string>{"+1 555 0100"}));
  EXPECT_EQ(survivor.notes, "Prefers mornings.\n\nMet at the summit.");
}

TEST(MergeRulesTest, AMemberWhoKnewBothKeepsTheStrongestTies) {
  Relationship kept;
  kept.strength = 2;
  kept.how_met = "";
  kept.create_time = absl::FromUnixSeconds(200);
  kept.last_touch_time = absl::FromUnixSeconds(500);
  Relationship merged;
  merged.strength = 4;
  merged.key = true;
  merged.how_met = "conference";
  merged.create_time = absl::FromUnixSeconds(100);
  merged.last_touch_time = absl::FromUnixSeconds(900);
  Relationship combined = CombineRelationships(kept, merged);
  EXPECT_EQ(combined.strength, 4);
  EXPECT_TRUE(combined.key);
  EXPECT_EQ(combined.how_met, "conference");
  EXPECT_EQ(combined.create_time, absl::FromUnixSeconds(100));
  EXPECT_EQ(combined.last_touch_time, absl::FromUnixSeconds(900));
}

}  // namespace
}  // namespace refnet::contacts
