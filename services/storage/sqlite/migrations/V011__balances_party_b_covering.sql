-- refnet schema, version 11: a party's pairs through one index per side
-- instead of seven. The six partial and expression indexes of version 7
-- changed with every favour recorded (each pair row update rewrote an entry
-- in each of them), which made them a third of the log pages a favour
-- writes. The primary key already holds a party's pairs as party_a with
-- every column; balances_party_b now does the same for party_b, so the
-- review reads a party's pairs in index order and keeps those it wants,
-- and each favour rewrites one index entry.
DROP INDEX balances_b_owes;
DROP INDEX balances_a_owes;
DROP INDEX balances_b_gives_only;
DROP INDEX balances_a_gives_only;
DROP INDEX balances_a_latest;
DROP INDEX balances_b_latest;
DROP INDEX balances_party_b;
CREATE INDEX balances_party_b
  ON balances (firm_id, party_b, party_a, a_given_points, b_given_points, a_given_count,
               b_given_count, a_last_given_us, b_last_given_us, version);
DELETE FROM sqlite_stat1 WHERE tbl = 'balances' AND idx != 'balances';
INSERT INTO sqlite_stat1 (tbl, idx, stat)
  VALUES ('balances', 'balances_party_b', '500000 500000 10 1 1 1 1 1 1 1 1');
ANALYZE sqlite_schema;
