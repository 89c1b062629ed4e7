-- Account events (RecoveryCodesIssued) belong to no recovery: their deliveries have no recovery_id, and are found,
-- like every delivery, by the account_id they already carry. The worker, the retries and UNIQUE (event_id, channel)
-- treat them as any other.
ALTER TABLE notification_delivery ALTER COLUMN recovery_id DROP NOT NULL;
CREATE INDEX notification_delivery_account ON notification_delivery (account_id, created_at);

-- Whom an account event's notifications reach, as the account's latest such event announced it (there is no
-- RecoveryRequested to take it from): one row per account, replaced by each such event.
CREATE TABLE account_recipient (
    account_id   uuid PRIMARY KEY,
    email        text,
    phone        text,
    phone_status text        NOT NULL,
    locale       text        NOT NULL,
    updated_at   timestamptz NOT NULL
);
