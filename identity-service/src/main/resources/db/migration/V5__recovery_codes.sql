-- Saved recovery codes (issue 10): one row per code of an account's current set, stored only as the hex SHA-256 of
-- the normalised code (each code has 120 bits of entropy, NIST SP 800-63B-4's threshold for a plain hash is 112).
-- Issuing a new set deletes the old one in the same transaction. A used code keeps its row (used_at, the recovery)
-- until the set is replaced, so that the owner and support can see what was used where.
CREATE TABLE recovery_code (
    account_id        uuid        NOT NULL REFERENCES account (id),
    code_hash         varchar(64) NOT NULL,
    issued_at         timestamptz NOT NULL,
    used_at           timestamptz,
    used_in_recovery  uuid,
    PRIMARY KEY (account_id, code_hash),
    CHECK ((used_at IS NULL) = (used_in_recovery IS NULL))
);

-- A recovery's policy may name alternatives to its required evidence, each of which also approves it on its own
-- (e.g. EMAIL,RECOVERY_CODE); ';' separates them, the empty string is none (every recovery before this version).
ALTER TABLE recovery ADD COLUMN alternative_evidence text NOT NULL DEFAULT '';
