-- An account's summary (totals per kind of movement, entry count, latest entry) kept up to date in
-- the transaction that writes each ledger entry, under the account's lock, so reading it is one row
-- instead of a sum over the account's whole ledger (which grows for as long as the account lives).
CREATE TABLE account_totals (
  account_id    VARCHAR(36)   PRIMARY KEY REFERENCES accounts (id),
  deposits      NUMERIC(20,2) NOT NULL,
  withdrawals   NUMERIC(20,2) NOT NULL,
  transfers_in  NUMERIC(20,2) NOT NULL,
  transfers_out NUMERIC(20,2) NOT NULL,
  entries       BIGINT        NOT NULL,
  last_entry_at TIMESTAMP WITH TIME ZONE
);
INSERT INTO account_totals
  (account_id, deposits, withdrawals, transfers_in, transfers_out, entries, last_entry_at)
SELECT account_id,
  COALESCE(SUM(CASE WHEN transaction_type = 'deposit' THEN amount END), 0),
  COALESCE(SUM(CASE WHEN transaction_type = 'withdrawal' THEN -amount END), 0),
  COALESCE(SUM(CASE WHEN transaction_type = 'transfer' AND amount > 0 THEN amount END), 0),
  COALESCE(SUM(CASE WHEN transaction_type = 'transfer' AND amount < 0 THEN -amount END), 0),
  COUNT(*),
  MAX(created_at)
FROM ledger_entries
GROUP BY account_id;
