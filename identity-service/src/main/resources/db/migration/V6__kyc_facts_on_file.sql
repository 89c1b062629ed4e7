-- What kyc-service holds about each account, as its KycProfileChanged events said (issue 10): counts and kinds,
-- never content. identity-service's own projection, so that the recovery-readiness check-up needs no call to
-- kyc-service. changed_at is the event's occurredAt: an older event arriving late changes nothing.
CREATE TABLE kyc_facts_on_file (
    account_id          uuid        PRIMARY KEY,
    security_questions  integer     NOT NULL CHECK (security_questions >= 0),
    facts               text        NOT NULL,
    changed_at          timestamptz NOT NULL
);
