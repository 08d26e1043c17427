-- refnet schema, version 2: the favours ledger, materialized pair balances and
-- party totals, firm settings, and the event log every change appends to.
-- Parties are written "members/{id}" or "contacts/{id}".

CREATE TABLE favours (
  position          INTEGER PRIMARY KEY AUTOINCREMENT,
  firm_id           TEXT    NOT NULL REFERENCES firms (id),
  id                TEXT    NOT NULL,
  giver             TEXT    NOT NULL,
  receiver          TEXT    NOT NULL,
  kind              INTEGER NOT NULL,
  value_points      INTEGER NOT NULL,
  occurred_at_us    INTEGER NOT NULL,
  note              TEXT    NOT NULL,
  referral          TEXT    NOT NULL,
  ask               TEXT    NOT NULL,
  introduced_party  TEXT    NOT NULL,
  voids             TEXT    NOT NULL,
  void_reason       TEXT    NOT NULL,
  recorded_by       TEXT    NOT NULL,
  create_time_us    INTEGER NOT NULL,
  UNIQUE (firm_id, id)
);
-- A favour is voided at most once.
CREATE UNIQUE INDEX favours_voids ON favours (firm_id, voids) WHERE voids != '';
CREATE INDEX favours_giver ON favours (firm_id, giver, position);
CREATE INDEX favours_receiver ON favours (firm_id, receiver, position);

-- One row per pair of parties, party_a < party_b; net = a_given - b_given.
CREATE TABLE balances (
  firm_id         TEXT    NOT NULL,
  party_a         TEXT    NOT NULL,
  party_b         TEXT    NOT NULL,
  a_given_points  INTEGER NOT NULL,
  b_given_points  INTEGER NOT NULL,
  a_given_count   INTEGER NOT NULL,
  b_given_count   INTEGER NOT NULL,
  a_last_given_us INTEGER,
  b_last_given_us INTEGER,
  version         INTEGER NOT NULL,
  PRIMARY KEY (firm_id, party_a, party_b)
) WITHOUT ROWID;
CREATE INDEX balances_party_b ON balances (firm_id, party_b);

CREATE TABLE party_totals (
  firm_id          TEXT    NOT NULL,
  party            TEXT    NOT NULL,
  given_points     INTEGER NOT NULL,
  received_points  INTEGER NOT NULL,
  given_count      INTEGER NOT NULL,
  received_count   INTEGER NOT NULL,
  version          INTEGER NOT NULL,
  PRIMARY KEY (firm_id, party)
) WITHOUT ROWID;

CREATE TABLE firm_settings (
  firm_id         TEXT    PRIMARY KEY REFERENCES firms (id),
  settings_json   TEXT    NOT NULL,
  version         INTEGER NOT NULL,
  update_time_us  INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE events (
  seq             INTEGER PRIMARY KEY AUTOINCREMENT,
  firm_id         TEXT    NOT NULL,
  kind            TEXT    NOT NULL,
  resource        TEXT    NOT NULL,
  payload         BLOB    NOT NULL,
  create_time_us  INTEGER NOT NULL
);
CREATE INDEX events_firm_seq ON events (firm_id, seq);
