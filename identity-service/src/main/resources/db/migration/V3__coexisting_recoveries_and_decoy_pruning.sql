-- Several open recoveries of one account may coexist, each with its own token and evidence; the first to complete
-- cancels the others (ARCHITECTURE.md, "Recoveries of one account"). Superseding, and the index it relied on, go.
DROP INDEX IF EXISTS recovery_one_open_per_account;

-- identity-service cancels the account's other open recoveries itself when one completes.
ALTER TABLE recovery DROP CONSTRAINT recovery_cancelled_by;
ALTER TABLE recovery ADD CONSTRAINT recovery_cancelled_by CHECK (cancelled_by IN ('OWNER', 'SUPPORT', 'SYSTEM'));

-- The completing reset's look-up of the account's other open recoveries.
CREATE INDEX recovery_open_by_account ON recovery (account_id)
    WHERE state IN ('AWAITING_EVIDENCE', 'APPROVED');

-- The decoy pruner's query: decoys past their horizon.
CREATE INDEX decoy_recovery_by_expiry ON decoy_recovery (expires_at);
