-- One email challenge per recovery: a code and a link token, stored only as hashes (the code as an HMAC with the
-- service's key, the link token as SHA-256). A delivering challenge's mail is queued on the challenge itself
-- (mail_due_at), in the same transaction that makes it due; the sender issues the code and the link as it sends,
-- so no secret is ever stored in the clear.
CREATE TABLE email_challenge (
    recovery_id         uuid PRIMARY KEY,
    -- null for a decoy (there is no account)
    account_id          uuid,
    decoy               boolean     NOT NULL,
    -- null when nothing is ever sent (a decoy, no address, or a policy without EMAIL)
    email               text,
    locale              text        NOT NULL,
    recovery_token_hash text        NOT NULL,
    state               text        NOT NULL CHECK (state IN ('OPEN', 'VERIFIED', 'EXHAUSTED', 'CLOSED')),
    code_hash           text,
    link_token_hash     text UNIQUE,
    -- when the current code and link stop working; null while their mail waits to be sent
    code_expires_at     timestamptz,
    expiry_reported     boolean     NOT NULL DEFAULT false,
    wrong_attempts      integer     NOT NULL DEFAULT 0,
    resends             integer     NOT NULL DEFAULT 0,
    -- the last time a code was asked for (the start or a resend): the resend cool-down counts from here
    last_issued_at      timestamptz NOT NULL,
    created_at          timestamptz NOT NULL,
    updated_at          timestamptz NOT NULL,
    -- the mail queue: when a sender may take this challenge's mail next (now when queued, later after a failure
    -- or while a sender holds it); null when no mail is due
    mail_due_at         timestamptz,
    mail_attempts       integer     NOT NULL DEFAULT 0,
    mail_last_error     text,
    mail_sent_at        timestamptz,
    version             bigint      NOT NULL
);

CREATE INDEX email_challenge_mail_due ON email_challenge (mail_due_at) WHERE mail_due_at IS NOT NULL;

-- The expiry scheduler's work: open challenges whose code lapsed and that have not been reported yet.
CREATE INDEX email_challenge_due ON email_challenge (code_expires_at)
    WHERE state = 'OPEN' AND NOT expiry_reported;
