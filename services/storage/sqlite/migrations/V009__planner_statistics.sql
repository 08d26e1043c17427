-- refnet schema, version 9: fixed planner statistics. Without them SQLite
-- cannot tell that a firm holds a great many rows, and may walk a whole
-- firm's index to skip sorting a handful of rows. These describe one large
-- firm (100k contacts, 1M relationships, connections and favours, 500
-- members); each entry is "rows, rows per firm, rows per firm and next
-- column, …" for one index. They are set here rather than measured with
-- ANALYZE so that plans do not change with the data, from the first row on.
-- A migration that adds an index adds its entry here too.

-- ANALYZE creates the statistics table; a small limit keeps it quick on a
-- large store, and what it measured is replaced at once.
PRAGMA analysis_limit = 100;
ANALYZE;
DELETE FROM sqlite_stat1;
INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES
  ('firms', 'sqlite_autoindex_firms_1', '1 1'),
  ('members', 'sqlite_autoindex_members_1', '500 500 1'),
  ('members', 'sqlite_autoindex_members_2', '500 500 1'),
  ('members', 'members_firm_position', '500 500 1'),
  ('contacts', 'sqlite_autoindex_contacts_1', '100000 100000 1'),
  ('contacts', 'contacts_firm_position', '100000 100000 1'),
  ('contacts', 'contacts_firm_organization', '100000 100000 50'),
  ('contact_emails', 'contact_emails', '100000 100000 1'),
  ('contact_emails', 'contact_emails_contact', '100000 100000 1'),
  ('contact_tags', 'contact_tags', '200000 200000 100 1'),
  ('contact_tags', 'contact_tags_contact', '200000 200000 2'),
  ('relationships', 'sqlite_autoindex_relationships_1', '1000000 1000000 2000 1'),
  ('relationships', 'relationships_contact', '1000000 1000000 10 1 1 1'),
  ('relationships', 'relationships_member_ties', '1000000 1000000 2000 1 1 1'),
  ('relationships', 'relationships_met_through', '1000000 1000000 1000'),
  ('relationships', 'relationships_member_key', '5000 5000 10'),
  ('interactions', 'sqlite_autoindex_interactions_1', '100000 100000 1'),
  ('interactions', 'interactions_member', '100000 100000 200 1'),
  ('interactions', 'interactions_contact', '100000 100000 5 1'),
  ('interactions', 'interactions_member_time', '100000 100000 200 1'),
  ('interactions', 'interactions_member_contact_time', '100000 100000 200 2 1'),
  ('connections', 'sqlite_autoindex_connections_1', '1000000 1000000 1'),
  ('connections', 'sqlite_autoindex_connections_2', '1000000 1000000 10 1'),
  ('connections', 'connections_other', '1000000 1000000 10 1'),
  ('idempotency', 'idempotency', '1000000 1000 1'),
  ('favours', 'sqlite_autoindex_favours_1', '1000000 1000000 1'),
  ('favours', 'favours_voids', '1000 1000 1'),
  ('favours', 'favours_giver', '1000000 1000000 20 1'),
  ('favours', 'favours_receiver', '1000000 1000000 20 1'),
  ('favours', 'favours_pair_time', '1000000 1000000 20 5 1'),
  ('balances', 'balances', '500000 500000 10 1'),
  ('balances', 'balances_party_b', '500000 500000 10'),
  ('balances', 'balances_a_owes', '250000 250000 5 1'),
  ('balances', 'balances_b_owes', '250000 250000 5 1'),
  ('balances', 'balances_a_gives_only', '250000 250000 5 2'),
  ('balances', 'balances_b_gives_only', '250000 250000 5 2'),
  ('balances', 'balances_a_latest', '500000 500000 10 1'),
  ('balances', 'balances_b_latest', '500000 500000 10 1'),
  ('party_totals', 'party_totals', '100000 100000 1'),
  ('firm_settings', 'firm_settings', '1 1'),
  ('firm_balance_versions', 'firm_balance_versions', '1 1'),
  ('events', 'events_firm_seq', '1000000 1000000 1'),
  ('referrals', 'sqlite_autoindex_referrals_1', '10000 10000 1'),
  ('referrals', 'referrals_firm_position', '10000 10000 1'),
  ('referrals', 'referrals_offer_time', '10000 10000 1'),
  ('referrals', 'referrals_prospect', '10000 10000 5 1'),
  ('referrals', 'referrals_referrer', '10000 10000 20 1'),
  ('referrals', 'referrals_recipient', '10000 10000 20 1'),
  ('referrals', 'referrals_referrer_stage', '10000 10000 20 5 1'),
  ('referrals', 'referrals_recipient_stage', '10000 10000 20 5 1'),
  ('referral_moves', 'referral_moves', '50000 50000 5 1'),
  ('asks', 'sqlite_autoindex_asks_1', '10000 10000 1'),
  ('asks', 'asks_firm_position', '10000 10000 1'),
  ('asks', 'asks_asker_state', '10000 10000 5 2 1'),
  ('asks', 'asks_state', '10000 10000 3000 1'),
  ('asks', 'asks_fulfilled_by', '3000 3000 3'),
  ('ask_tags', 'ask_tags', '20000 20000 20 1'),
  ('ask_routes', 'ask_routes_ask', '10000 10000 2 1'),
  ('ask_routes', 'ask_routes_helper_time', '10000 10000 5 1');
-- Loads them into this connection; later connections read them on opening.
ANALYZE sqlite_schema;
