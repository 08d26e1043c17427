-- refnet schema, version 3: one counter per firm that rises with every change
-- to a member–contact pair, so the firm's top debtors and creditors can be
-- cached under a version like any other balance.
CREATE TABLE firm_balance_versions (
  firm_id  TEXT    PRIMARY KEY REFERENCES firms (id),
  version  INTEGER NOT NULL
) WITHOUT ROWID;
