-- Rate limits shared by every instance, and the decoy recoveries answered for unknown identifiers.

-- One fixed window per key: INSERT ... ON CONFLICT DO UPDATE SET hits = hits + 1 counts a request atomically.
-- Keys are pseudonyms (HMAC of an identifier, account id or client address), never the raw values.
CREATE TABLE rate_limit_window (
    key          text        NOT NULL,
    window_start timestamptz NOT NULL,
    hits         integer     NOT NULL,
    PRIMARY KEY (key, window_start)
);

-- The purge's query: windows that have ended.
CREATE INDEX rate_limit_window_by_start ON rate_limit_window (window_start);

-- What an unknown identifier gets instead of a recovery: answers GET status like a fresh recovery, never emits an
-- event, never completes. Kept apart from recovery so that no saga code can ever pick one up.
CREATE TABLE decoy_recovery (
    id         uuid        PRIMARY KEY,
    token_hash text        NOT NULL,   -- hex SHA-256 of the token handed out, as for a real recovery
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    CONSTRAINT decoy_recovery_token_hash CHECK (token_hash ~ '^[0-9a-f]{64}$')
);
