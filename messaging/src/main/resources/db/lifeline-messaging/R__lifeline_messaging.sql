-- The reliable-messaging tables every service shares (outbox and inbox), applied by each service's Flyway
-- from the location db/lifeline-messaging. A repeatable migration so that the services' own versioned
-- migrations never interleave with it; every statement is idempotent and changes may only be additive.

CREATE TABLE IF NOT EXISTS outbox_message (
    id           uuid        PRIMARY KEY,                 -- the event's id, published as ce_id
    position     bigint      GENERATED ALWAYS AS IDENTITY, -- publication order
    topic        text        NOT NULL,
    message_key  text        NOT NULL,                    -- the recoveryId: one partition per recovery
    type         text        NOT NULL,                    -- ce_type
    source       text        NOT NULL,                    -- ce_source
    subject      text        NOT NULL,                    -- ce_subject
    payload      text        NOT NULL,                    -- the event's JSON
    traceparent  text,
    occurred_at  timestamptz NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    sent_at      timestamptz
);
-- A row the broker can never take (too large, refused) is parked instead of blocking every later row; an operator
-- clears parked_at to publish it again once the cause is fixed.
ALTER TABLE outbox_message ADD COLUMN IF NOT EXISTS parked_at timestamptz;
ALTER TABLE outbox_message ADD COLUMN IF NOT EXISTS park_reason text;
CREATE UNIQUE INDEX IF NOT EXISTS outbox_message_position ON outbox_message (position);
CREATE INDEX IF NOT EXISTS outbox_message_unsent ON outbox_message (position) WHERE sent_at IS NULL;
CREATE INDEX IF NOT EXISTS outbox_message_parked ON outbox_message (position) WHERE parked_at IS NOT NULL;

CREATE TABLE IF NOT EXISTS inbox_processed_event (
    event_id     uuid        PRIMARY KEY,                 -- ce_id, the dedupe key
    type         text        NOT NULL,
    topic        text        NOT NULL,
    processed_at timestamptz NOT NULL DEFAULT now()
);
-- InboxPruner deletes ids past lifeline.inbox.retention.
CREATE INDEX IF NOT EXISTS inbox_processed_event_processed_at ON inbox_processed_event (processed_at);

-- A recovery's event history (support tooling reads it back from the outbox, in order).
CREATE INDEX IF NOT EXISTS outbox_message_subject ON outbox_message (subject, position);
