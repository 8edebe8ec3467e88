-- Each ledger entry carries its transaction's type, so an account's summary (totals per type) and a
-- history page filtered by type read ledger_entries alone, through the index below, instead of
-- joining every entry of the account to its transaction.
ALTER TABLE ledger_entries ADD COLUMN transaction_type VARCHAR(16);
UPDATE ledger_entries SET transaction_type =
  (SELECT t.transaction_type FROM transactions t WHERE t.id = ledger_entries.transaction_id);
ALTER TABLE ledger_entries ALTER COLUMN transaction_type SET NOT NULL;
CREATE INDEX ledger_account_type_idx ON ledger_entries (account_id, transaction_type, id);
