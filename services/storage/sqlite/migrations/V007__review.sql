-- refnet schema, version 7: indexes the weekly review reads through, each
-- bounded by one member or one pair of parties rather than the firm.

-- A pair's favours in time order: the latest live favour from one party to
-- another, and a pair's balance as it stood at an earlier moment.
CREATE INDEX favours_pair_time ON favours (firm_id, giver, receiver, occurred_at_us);
-- A member's interactions in a time window (follow-ups), and the last one
-- with one contact before a moment (nurture).
CREATE INDEX interactions_member_time ON interactions (firm_id, member_id, occurred_at_us);
CREATE INDEX interactions_member_contact_time
  ON interactions (firm_id, member_id, contact_id, occurred_at_us);
-- A member's key relationships, a handful among thousands.
CREATE INDEX relationships_member_key ON relationships (firm_id, member_id) WHERE key_flag = 1;
-- A party's referrals by stage and the time they entered it (stuck referrals).
CREATE INDEX referrals_referrer_stage ON referrals (firm_id, referrer, stage, stage_time_us);
CREATE INDEX referrals_recipient_stage ON referrals (firm_id, recipient, stage, stage_time_us);
-- A member's side of the ledger without reading every pair: pairs where one
-- party owes the other, by when the other last gave (reciprocate, oldest
-- debt first); pairs where only one party ever gave, by how many times
-- (one-way giving); and pairs by their latest favour either way (those
-- touched after a review's moment, to be replayed).
CREATE INDEX balances_b_owes ON balances (firm_id, party_b, a_last_given_us)
  WHERE a_given_points > b_given_points;
CREATE INDEX balances_a_owes ON balances (firm_id, party_a, b_last_given_us)
  WHERE b_given_points > a_given_points;
CREATE INDEX balances_b_gives_only ON balances (firm_id, party_b, b_given_count)
  WHERE a_given_count <= 0 AND b_given_count > 0;
CREATE INDEX balances_a_gives_only ON balances (firm_id, party_a, a_given_count)
  WHERE b_given_count <= 0 AND a_given_count > 0;
CREATE INDEX balances_a_latest
  ON balances (firm_id, party_a, max(coalesce(a_last_given_us, 0), coalesce(b_last_given_us, 0)));
CREATE INDEX balances_b_latest
  ON balances (firm_id, party_b, max(coalesce(a_last_given_us, 0), coalesce(b_last_given_us, 0)));
