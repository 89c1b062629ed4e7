-- Proving a new phone before it is bound (issue 22.6): after the reset, the recovery token asks for a code texted to
-- the new number and binds it only with that code. One row per recovery, its current request; a new request
-- replaces the number and the code. The code exists only in memory when the text leaves; the row keeps its keyed
-- hash (code_hash, NULL until the text has left). text_due_at is set while a text is owed, and is its lease while
-- one is being sent.
CREATE TABLE phone_proof (
    recovery_id      uuid        PRIMARY KEY REFERENCES recovery (id),
    account_id       uuid        NOT NULL REFERENCES account (id),
    phone            varchar(32) NOT NULL,
    locale           varchar(16) NOT NULL,
    requested_at     timestamptz NOT NULL,
    expires_at       timestamptz NOT NULL,
    code_hash        varchar(64),
    failed_attempts  integer     NOT NULL DEFAULT 0,
    texts_requested  integer     NOT NULL,
    text_due_at      timestamptz,
    text_tries       integer     NOT NULL DEFAULT 0,
    version          bigint      NOT NULL DEFAULT 0
);

CREATE INDEX phone_proof_text_due ON phone_proof (text_due_at) WHERE text_due_at IS NOT NULL;
