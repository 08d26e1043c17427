-- refnet schema, version 4: referrals and the history of their moves.
-- Parties are written "members/{id}" or "contacts/{id}"; money is a currency
-- code ('' for none), whole units and nanos.

CREATE TABLE referrals (
  position              INTEGER PRIMARY KEY AUTOINCREMENT,
  firm_id               TEXT    NOT NULL REFERENCES firms (id),
  id                    TEXT    NOT NULL,
  referrer              TEXT    NOT NULL,
  recipient             TEXT    NOT NULL,
  prospect_contact      TEXT    NOT NULL,
  prospect_description  TEXT    NOT NULL,
  need                  TEXT    NOT NULL,
  warmth                INTEGER NOT NULL,
  estimated_currency    TEXT    NOT NULL,
  estimated_units       INTEGER NOT NULL,
  estimated_nanos       INTEGER NOT NULL,
  confidential          INTEGER NOT NULL,
  stage                 INTEGER NOT NULL,
  closed_currency       TEXT    NOT NULL,
  closed_units          INTEGER NOT NULL,
  closed_nanos          INTEGER NOT NULL,
  offer_favour          TEXT    NOT NULL,
  closed_favour         TEXT    NOT NULL,
  offer_time_us         INTEGER NOT NULL,
  stage_time_us         INTEGER NOT NULL,
  created_by            TEXT    NOT NULL,
  create_time_us        INTEGER NOT NULL,
  update_time_us        INTEGER NOT NULL,
  version               INTEGER NOT NULL,
  UNIQUE (firm_id, id)
);
CREATE INDEX referrals_referrer ON referrals (firm_id, referrer, position);
CREATE INDEX referrals_recipient ON referrals (firm_id, recipient, position);
CREATE INDEX referrals_prospect ON referrals (firm_id, prospect_contact, position)
  WHERE prospect_contact != '';
CREATE INDEX referrals_offer_time ON referrals (firm_id, offer_time_us);

-- Every move, the offer first (from stage 0).
CREATE TABLE referral_moves (
  firm_id       TEXT    NOT NULL,
  referral_id   TEXT    NOT NULL,
  seq           INTEGER NOT NULL,
  from_stage    INTEGER NOT NULL,
  to_stage      INTEGER NOT NULL,
  moved_by      TEXT    NOT NULL,
  move_time_us  INTEGER NOT NULL,
  note          TEXT    NOT NULL,
  PRIMARY KEY (firm_id, referral_id, seq)
) WITHOUT ROWID;
