-- Security state (refresh tokens and their families, revocations, token versions, login throttle
-- counters) in the database when no Redis is configured, so a restart forgets none of it.
-- expires_at is epoch milliseconds; expired rows are ignored by every read and swept now and then.
CREATE TABLE shared_state (
  state_key VARCHAR(200) PRIMARY KEY,
  state_value VARCHAR(1000) NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX shared_state_expires ON shared_state (expires_at);

CREATE TABLE shared_set_members (
  state_key VARCHAR(200) NOT NULL,
  member VARCHAR(200) NOT NULL,
  expires_at BIGINT NOT NULL,
  PRIMARY KEY (state_key, member)
);
CREATE INDEX shared_set_members_expires ON shared_set_members (expires_at);
