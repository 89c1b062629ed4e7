-- How each recovered account's owner can be reached, as RecoveryRequested announced it: later events of the
-- recovery carry no contacts. A decoy never has a row, so nothing is ever sent for one.
CREATE TABLE recovery_recipient (
    recovery_id  uuid PRIMARY KEY,
    account_id   uuid        NOT NULL,
    email        text,
    phone        text,
    phone_status text        NOT NULL,
    locale       text        NOT NULL,
    created_at   timestamptz NOT NULL
);

-- The delivery log: one row per (event, channel), written in the inbox's transaction with the event's id, so a
-- redelivered event plans nothing twice; the worker takes due rows (SKIP LOCKED, leased) and records the outcome.
CREATE TABLE notification_delivery (
    id           uuid PRIMARY KEY,
    event_id     uuid        NOT NULL,
    event_type   text        NOT NULL,
    recovery_id  uuid        NOT NULL,
    account_id   uuid        NOT NULL,
    occurred_at  timestamptz NOT NULL,
    channel      text        NOT NULL,
    template     text        NOT NULL,
    facts        text        NOT NULL,
    status       text        NOT NULL,
    attempts     integer     NOT NULL DEFAULT 0,
    due_at       timestamptz,
    last_error   text,
    detail       text,
    created_at   timestamptz NOT NULL,
    finished_at  timestamptz,
    CONSTRAINT notification_delivery_once UNIQUE (event_id, channel)
);

CREATE INDEX notification_delivery_due ON notification_delivery (due_at) WHERE due_at IS NOT NULL;
CREATE INDEX notification_delivery_recovery ON notification_delivery (recovery_id, created_at);
