-- refnet schema, version 1: firms, members, contacts, the relationship graph
-- and idempotency records. Every table is keyed by firm first, so a firm is a
-- shard key. `position` is insertion order, used for keyset pagination.

CREATE TABLE firms (
  position        INTEGER PRIMARY KEY AUTOINCREMENT,
  id              TEXT    NOT NULL UNIQUE,
  display_name    TEXT    NOT NULL,
  create_time_us  INTEGER NOT NULL,
  update_time_us  INTEGER NOT NULL,
  version         INTEGER NOT NULL
);

CREATE TABLE members (
  position        INTEGER PRIMARY KEY AUTOINCREMENT,
  firm_id         TEXT    NOT NULL REFERENCES firms (id),
  id              TEXT    NOT NULL,
  display_name    TEXT    NOT NULL,
  email           TEXT    NOT NULL,
  email_lower     TEXT    NOT NULL,
  role            INTEGER NOT NULL,
  active          INTEGER NOT NULL,
  create_time_us  INTEGER NOT NULL,
  update_time_us  INTEGER NOT NULL,
  version         INTEGER NOT NULL,
  UNIQUE (firm_id, id),
  UNIQUE (firm_id, email_lower)
);
CREATE INDEX members_firm_position ON members (firm_id, position);

CREATE TABLE contacts (
  position        INTEGER PRIMARY KEY AUTOINCREMENT,
  firm_id         TEXT    NOT NULL REFERENCES firms (id),
  id              TEXT    NOT NULL,
  display_name    TEXT    NOT NULL,
  organization    TEXT    NOT NULL,
  title           TEXT    NOT NULL,
  emails_json     TEXT    NOT NULL,
  phones_json     TEXT    NOT NULL,
  tags_json       TEXT    NOT NULL,
  offers_json     TEXT    NOT NULL,
  needs_json      TEXT    NOT NULL,
  notes           TEXT    NOT NULL,
  source          TEXT    NOT NULL,
  create_time_us  INTEGER NOT NULL,
  update_time_us  INTEGER NOT NULL,
  archived        INTEGER NOT NULL,
  merged_into     TEXT    NOT NULL,
  version         INTEGER NOT NULL,
  UNIQUE (firm_id, id)
);
CREATE INDEX contacts_firm_position ON contacts (firm_id, position);
CREATE INDEX contacts_firm_organization ON contacts (firm_id, organization COLLATE NOCASE);

-- Emails are unique per firm, case-insensitively: this index enforces it.
CREATE TABLE contact_emails (
  firm_id     TEXT NOT NULL,
  email_lower TEXT NOT NULL,
  contact_id  TEXT NOT NULL,
  PRIMARY KEY (firm_id, email_lower)
) WITHOUT ROWID;
CREATE INDEX contact_emails_contact ON contact_emails (firm_id, contact_id);

CREATE TABLE contact_tags (
  firm_id    TEXT NOT NULL,
  tag        TEXT NOT NULL,
  contact_id TEXT NOT NULL,
  PRIMARY KEY (firm_id, tag, contact_id)
) WITHOUT ROWID;
CREATE INDEX contact_tags_contact ON contact_tags (firm_id, contact_id);

CREATE TABLE relationships (
  position        INTEGER PRIMARY KEY AUTOINCREMENT,
  firm_id         TEXT    NOT NULL,
  member_id       TEXT    NOT NULL,
  contact_id      TEXT    NOT NULL,
  strength        INTEGER NOT NULL,
  how_met         TEXT    NOT NULL,
  met_through     TEXT    NOT NULL,
  key_flag        INTEGER NOT NULL,
  last_touch_us   INTEGER,
  create_time_us  INTEGER NOT NULL,
  update_time_us  INTEGER NOT NULL,
  UNIQUE (firm_id, member_id, contact_id)
);
CREATE INDEX relationships_contact ON relationships (firm_id, contact_id);
CREATE INDEX relationships_met_through ON relationships (firm_id, met_through);

CREATE TABLE interactions (
  position        INTEGER PRIMARY KEY AUTOINCREMENT,
  firm_id         TEXT    NOT NULL,
  id              TEXT    NOT NULL,
  member_id       TEXT    NOT NULL,
  contact_id      TEXT    NOT NULL,
  kind            INTEGER NOT NULL,
  occurred_at_us  INTEGER NOT NULL,
  event_name      TEXT    NOT NULL,
  note            TEXT    NOT NULL,
  create_time_us  INTEGER NOT NULL,
  UNIQUE (firm_id, id)
);
CREATE INDEX interactions_member ON interactions (firm_id, member_id, position);
CREATE INDEX interactions_contact ON interactions (firm_id, contact_id, position);

-- Undirected: contact_id < other_id.
CREATE TABLE connections (
  position        INTEGER PRIMARY KEY AUTOINCREMENT,
  firm_id         TEXT    NOT NULL,
  id              TEXT    NOT NULL,
  contact_id      TEXT    NOT NULL,
  other_id        TEXT    NOT NULL,
  note            TEXT    NOT NULL,
  create_time_us  INTEGER NOT NULL,
  UNIQUE (firm_id, id),
  UNIQUE (firm_id, contact_id, other_id)
);
CREATE INDEX connections_other ON connections (firm_id, other_id);

-- The first answer to every write that carried a request id, stored in the
-- write's own transaction.
CREATE TABLE idempotency (
  scope           TEXT    NOT NULL,
  request_id      TEXT    NOT NULL,
  fingerprint     TEXT    NOT NULL,
  response        BLOB    NOT NULL,
  create_time_us  INTEGER NOT NULL,
  PRIMARY KEY (scope, request_id)
) WITHOUT ROWID;
