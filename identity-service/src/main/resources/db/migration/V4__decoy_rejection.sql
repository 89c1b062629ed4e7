-- A decoy whose email challenge was exhausted (DecoyEmailVerificationFailed) is rejected from then on, as a real
-- recovery would be: its status and refusals say REJECTED. Null while it awaits evidence or once it merely expired.
ALTER TABLE decoy_recovery ADD COLUMN rejected_at timestamptz;
