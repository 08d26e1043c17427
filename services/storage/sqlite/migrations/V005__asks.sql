-- refnet schema, version 5: asks, the tags they carry and the helpers they
-- were routed to. Parties are written "members/{id}" or "contacts/{id}".

CREATE TABLE asks (
  position        INTEGER PRIMARY KEY AUTOINCREMENT,
  firm_id         TEXT    NOT NULL REFERENCES firms (id),
  id              TEXT    NOT NULL,
  asker           TEXT    NOT NULL,
  need            TEXT    NOT NULL,
  tags_json       TEXT    NOT NULL,
  due_time_us     INTEGER,
  state           INTEGER NOT NULL,
  fulfilled_by    TEXT    NOT NULL,
  favour          TEXT    NOT NULL,
  create_time_us  INTEGER NOT NULL,
  update_time_us  INTEGER NOT NULL,
  version         INTEGER NOT NULL,
  UNIQUE (firm_id, id)
);
CREATE INDEX asks_firm_position ON asks (firm_id, position);
-- Lists by asker and state, and the count of a party's open asks (its budget).
CREATE INDEX asks_asker_state ON asks (firm_id, asker, state, position);
CREATE INDEX asks_state ON asks (firm_id, state, position);

CREATE TABLE ask_tags (
  firm_id  TEXT NOT NULL,
  tag      TEXT NOT NULL,
  ask_id   TEXT NOT NULL,
  PRIMARY KEY (firm_id, tag, ask_id)
) WITHOUT ROWID;

CREATE TABLE ask_routes (
  position        INTEGER PRIMARY KEY AUTOINCREMENT,
  firm_id         TEXT    NOT NULL,
  ask_id          TEXT    NOT NULL,
  helper          TEXT    NOT NULL,
  route_time_us   INTEGER NOT NULL,
  routed_by       TEXT    NOT NULL
);
CREATE INDEX ask_routes_ask ON ask_routes (firm_id, ask_id, position);
-- How many asks a helper had routed since the start of the week (the weekly cap).
CREATE INDEX ask_routes_helper_time ON ask_routes (firm_id, helper, route_time_us);
