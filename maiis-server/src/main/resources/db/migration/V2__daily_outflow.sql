-- Money that left each account per UTC day, kept beside the ledger so the daily limit is checked
-- in constant time (one row, already serialised by the account's row lock) instead of summing a
-- day of ledger entries on every withdrawal and transfer.
CREATE TABLE account_daily_outflow (
  account_id VARCHAR(36)   NOT NULL REFERENCES accounts (id),
  flow_date  DATE          NOT NULL,
  amount     NUMERIC(15,2) NOT NULL,
  CONSTRAINT account_daily_outflow_pkey PRIMARY KEY (account_id, flow_date)
);
