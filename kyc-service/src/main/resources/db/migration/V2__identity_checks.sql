-- One identity check per recovery (also a decoy's, which has no account), and the wrong answers an account has
-- given lately across its recoveries: past a threshold, automation stops deciding.
CREATE TABLE identity_check (
    recovery_id         uuid PRIMARY KEY,
    -- null for a decoy
    account_id          uuid,
    decoy               boolean     NOT NULL,
    locale              text,
    recovery_token_hash text        NOT NULL,
    required_assurance  text        NOT NULL CHECK (required_assurance IN ('SUBSTANTIAL', 'HIGH')),
    state               text        NOT NULL CHECK (state IN ('OPEN', 'CONFIRMED', 'IN_REVIEW', 'REJECTED', 'CLOSED')),
    attempts_left       integer     NOT NULL,
    expires_at          timestamptz NOT NULL,
    -- the per-fact signals of the submission that sent it to review (MATCH / MISMATCH / NOT_PROVIDED), for reviewers
    review_signals      text,
    created_at          timestamptz NOT NULL,
    updated_at          timestamptz NOT NULL,
    version             bigint      NOT NULL
);

CREATE INDEX identity_check_in_review ON identity_check (updated_at) WHERE state = 'IN_REVIEW';

CREATE TABLE account_wrong_answers (
    account_id     uuid PRIMARY KEY,
    wrong_answers  integer     NOT NULL,
    last_wrong_at  timestamptz NOT NULL
);
