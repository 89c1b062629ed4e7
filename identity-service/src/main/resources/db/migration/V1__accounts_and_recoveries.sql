-- identity-service's own tables: accounts with their password credential, and recoveries.
-- Mirrors dev.lifeline.identity.account.Account and dev.lifeline.identity.recovery.Recovery, which Hibernate
-- validates against this schema at start. The outbox and inbox tables come from db/lifeline-messaging.

CREATE TABLE account (
    id                  uuid        PRIMARY KEY,
    username            text        NOT NULL,
    email               text,                           -- null: no email on file
    email_verified      boolean     NOT NULL,
    phone               text,                           -- digits with an optional leading '+'; null: none
    phone_status        text        NOT NULL,
    locale              text        NOT NULL,
    mfa_enrolled        boolean     NOT NULL,
    password_hash       text        NOT NULL,           -- Argon2id PHC string, never a password
    password_changed_at timestamptz NOT NULL,
    created_at          timestamptz NOT NULL,
    version             bigint      NOT NULL,
    CONSTRAINT account_phone_status CHECK (phone_status IN ('ACTIVE', 'SUSPENDED')),
    CONSTRAINT account_locale CHECK (locale IN ('zh-CN', 'en')),
    CONSTRAINT account_verified_email_exists CHECK (email IS NOT NULL OR NOT email_verified)
);

-- Login identifiers: username and email are unique case-insensitively, as Accounts looks them up.
CREATE UNIQUE INDEX account_username_key ON account (lower(username));
CREATE UNIQUE INDEX account_email_key ON account (lower(email));
CREATE UNIQUE INDEX account_phone_key ON account (phone);

CREATE TABLE recovery (
    id                          uuid        PRIMARY KEY,
    -- No foreign key: a decoy recovery for an unknown identifier may name no account.
    account_id                  uuid        NOT NULL,
    token_hash                  text        NOT NULL,   -- hex SHA-256 of the recovery token
    state                       text        NOT NULL,
    -- The policy, fixed when the recovery starts; evidence sets as comma-separated Evidence names.
    required_evidence           text        NOT NULL,
    required_assurance          text        NOT NULL,
    cooling_off_seconds         bigint      NOT NULL,
    ttl_seconds                 bigint      NOT NULL,
    phone_change_window_seconds bigint      NOT NULL,
    satisfied_evidence          text        NOT NULL,
    identity_assurance          text,
    created_at                  timestamptz NOT NULL,
    expires_at                  timestamptz NOT NULL,
    approved_at                 timestamptz,
    reset_allowed_at            timestamptz,
    completed_at                timestamptz,
    phone_changed_at            timestamptz,
    ended_at                    timestamptz,            -- cancelled, rejected or expired
    cancelled_by                text,
    cancelled_actor             text,
    cancel_reason               text,
    rejection_cause_type        text,                   -- ce_type of the participant event
    rejection_cause_event_id    uuid,
    version                     bigint      NOT NULL,
    CONSTRAINT recovery_state CHECK (state IN ('AWAITING_EVIDENCE', 'APPROVED', 'COMPLETED', 'CANCELLED',
                                               'REJECTED', 'EXPIRED')),
    CONSTRAINT recovery_token_hash CHECK (token_hash ~ '^[0-9a-f]{64}$'),
    CONSTRAINT recovery_required_assurance CHECK (required_assurance IN ('SUBSTANTIAL', 'HIGH')),
    CONSTRAINT recovery_identity_assurance CHECK (identity_assurance IN ('SUBSTANTIAL', 'HIGH')),
    CONSTRAINT recovery_durations CHECK (cooling_off_seconds >= 0 AND ttl_seconds > 0
                                         AND phone_change_window_seconds > 0),
    CONSTRAINT recovery_cancelled_by CHECK (cancelled_by IN ('OWNER', 'SUPPORT')),
    CONSTRAINT recovery_approved_has_reset_time CHECK (state <> 'APPROVED' OR reset_allowed_at IS NOT NULL),
    CONSTRAINT recovery_completed_has_time CHECK (state <> 'COMPLETED' OR completed_at IS NOT NULL)
);

-- One open recovery per account: a second start fails here even when two requests race past the service's check.
-- A recovery past expires_at that the scheduler has not yet expired still holds the slot.
CREATE UNIQUE INDEX recovery_one_open_per_account ON recovery (account_id)
    WHERE state IN ('AWAITING_EVIDENCE', 'APPROVED');

-- The expiry scheduler's query: open recoveries whose deadline has passed.
CREATE INDEX recovery_open_by_expiry ON recovery (expires_at)
    WHERE state IN ('AWAITING_EVIDENCE', 'APPROVED');

-- Support's look-up of an account's recoveries, newest first.
CREATE INDEX recovery_by_account ON recovery (account_id, created_at DESC);
