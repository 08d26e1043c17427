-- refnet schema, version 10: the contacts that can be matched (live, with an
-- offer or a need) in a small index of their own holding what matching
-- reads, so that matching a member's thousands of contacts probes it rather
-- than reading each contact's row.
CREATE INDEX contacts_matchable
  ON contacts (firm_id, id, display_name, organization, offers_json, needs_json, archived,
               merged_into)
  WHERE archived = 0 AND merged_into = '' AND (offers_json != '[]' OR needs_json != '[]');
INSERT INTO sqlite_stat1 (tbl, idx, stat)
  VALUES ('contacts', 'contacts_matchable', '20000 20000 1 1 1 1 1 1 1');
ANALYZE sqlite_schema;
