-- The HTTP kit's tables, in every service that uses its rate limits. Repeatable and idempotent, like the events
-- module's messaging tables, so that a service's own versioned migrations never interleave with the kit's.

-- One fixed window per key: INSERT ... ON CONFLICT DO UPDATE SET hits = hits + 1 counts a request atomically.
-- Keys are pseudonyms (HMAC of an identifier, account id or client address), never the raw values.
CREATE TABLE IF NOT EXISTS rate_limit_window (
    key          text        NOT NULL,
    window_start timestamptz NOT NULL,
    hits         integer     NOT NULL,
    PRIMARY KEY (key, window_start)
);

-- The purge's query: windows that have ended.
CREATE INDEX IF NOT EXISTS rate_limit_window_by_start ON rate_limit_window (window_start);

-- Consecutive failures per key (FailureThrottle): a failure bumps the row with INSERT ... ON CONFLICT DO UPDATE,
-- which also locks it, so concurrent attempts on one key are counted one after another and none is lost. A key is
-- refused until blocked_until; a success deletes it (or, for a client address, takes back its own count).
CREATE TABLE IF NOT EXISTS failure_throttle (
    key             text        PRIMARY KEY,
    failures        integer     NOT NULL,
    last_failure_at timestamptz NOT NULL,
    blocked_until   timestamptz NOT NULL
);

-- The purge's query: keys whose failures are forgotten.
CREATE INDEX IF NOT EXISTS failure_throttle_by_last_failure ON failure_throttle (last_failure_at);
