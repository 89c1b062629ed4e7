-- The effect the test listener has: one row per application, deliberately without a unique key, so that a
-- duplicate application would show up as a second row.
CREATE TABLE test_effect (
    id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id uuid NOT NULL
);

-- The state change the outbox tests commit or roll back together with their event.
CREATE TABLE test_state (
    recovery_id uuid PRIMARY KEY
);
