-- Cases automation could not settle, for support to decide; every decision kept (who, what, when, from where).
CREATE TABLE review_case (
    id                 uuid PRIMARY KEY,
    recovery_id        uuid        NOT NULL UNIQUE REFERENCES identity_check (recovery_id),
    account_id         uuid        NOT NULL,
    risk               text        NOT NULL CHECK (risk IN ('NORMAL', 'HIGH')),
    state              text        NOT NULL CHECK (state IN ('PENDING', 'APPROVED', 'REJECTED', 'CLOSED')),
    -- MATCH / MISMATCH / NOT_PROVIDED per fact, never the facts
    signals            text        NOT NULL,
    created_at         timestamptz NOT NULL,
    decided_at         timestamptz,
    version            bigint      NOT NULL
);

CREATE INDEX review_case_pending ON review_case (created_at) WHERE state = 'PENDING';

CREATE TABLE review_decision (
    review_id   uuid        NOT NULL REFERENCES review_case (id),
    position    integer     NOT NULL,
    reviewer    text        NOT NULL,
    supervisor  boolean     NOT NULL,
    decision    text        NOT NULL CHECK (decision IN ('APPROVE', 'REJECT')),
    reason      text        NOT NULL,
    from_address text       NOT NULL,
    decided_at  timestamptz NOT NULL,
    PRIMARY KEY (review_id, position)
);
