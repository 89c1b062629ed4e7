-- Slowed, never silenced (issue 22.7): how many recovery-requested alerts an account's owner has been sent on one
-- paced channel in the current window, which opens with its first alert. One row per (account, channel), counted by
-- an upsert whose row lock serialises concurrent events of one account (any instance, any thread); alerts beyond the
-- limit join the window's digest, a notification_delivery row due at the window's end.
CREATE TABLE recovery_alert_pace (
    account_id   uuid        NOT NULL,
    channel      text        NOT NULL,
    window_start timestamptz NOT NULL,
    alerts       integer     NOT NULL,
    PRIMARY KEY (account_id, channel)
);
