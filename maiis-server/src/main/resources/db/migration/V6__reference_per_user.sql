-- A client's transaction reference is unique for the user who sent it, not across all users: a
-- global constraint let one customer probe for, or take, references another customer would use.
ALTER TABLE transactions DROP CONSTRAINT transactions_reference_key;
ALTER TABLE transactions ADD CONSTRAINT transactions_initiator_reference_key UNIQUE (initiated_by, reference);
