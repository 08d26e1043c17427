-- refnet schema, version 6: indexes that let referral lists page by position
-- and contact merges find the asks a contact fulfilled.

CREATE INDEX referrals_firm_position ON referrals (firm_id, position);
CREATE INDEX asks_fulfilled_by ON asks (firm_id, fulfilled_by) WHERE fulfilled_by != '';
