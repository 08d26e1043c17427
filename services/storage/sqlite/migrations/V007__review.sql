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
