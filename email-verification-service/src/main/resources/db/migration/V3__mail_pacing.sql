-- Code mails per recipient (mail.MailPacing): one row per message sent, or being sent, to an address, keyed by the
-- address's pseudonym (HMAC with lifeline.pseudonyms.pepper), never the address itself. A sender counts an
-- address's rows of the last window under a transaction-scoped advisory lock on the key before it takes a slot, so
-- that senders on several instances cannot exceed the limit together. Rows older than the window count nothing
-- and are purged.
CREATE TABLE mail_recipient_send (
    id          uuid        PRIMARY KEY,
    address_key text        NOT NULL,
    sent_at     timestamptz NOT NULL
);

CREATE INDEX mail_recipient_send_by_address ON mail_recipient_send (address_key, sent_at);
CREATE INDEX mail_recipient_send_by_sent_at ON mail_recipient_send (sent_at);

-- The digest's query: every other due mail to the same address, taken into the same message.
CREATE INDEX email_challenge_mail_due_by_email ON email_challenge (email, mail_due_at) WHERE mail_due_at IS NOT NULL;
