-- When and from which network the recovery was asked for: the link's page tells the owner ("was this you?").
-- Null for challenges opened before (their events did not say) and for decoys' (they never mail).
ALTER TABLE email_challenge ADD COLUMN requested_at timestamptz;
ALTER TABLE email_challenge ADD COLUMN requested_from varchar(64);
