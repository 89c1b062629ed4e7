-- When the recovery itself expires: from then on the challenge answers as closed, a decoy's as a real one's,
-- without waiting for an event (nothing comes for a decoy). Null on challenges opened before it was kept.
ALTER TABLE email_challenge ADD COLUMN recovery_expires_at timestamptz;
