-- What an account's owner told the operator at registration, kept only in forms that can be compared and shown
-- masked, never read back: the ID number as an HMAC with the service's key plus a masked form, security answers
-- normalised and hashed with a slow salted hash (PBKDF2-HMAC-SHA256), the registration city as an HMAC.
CREATE TABLE kyc_profile (
    account_id            uuid PRIMARY KEY,
    real_name_masked      text        NOT NULL,
    real_name_hash        text        NOT NULL,
    id_number_hash        text        NOT NULL,
    id_number_masked      text        NOT NULL,
    bank_card_issuer      text        NOT NULL,
    bank_card_last4       text        NOT NULL,
    registration_city_hash text       NOT NULL,
    registration_date     date        NOT NULL,
    created_at            timestamptz NOT NULL,
    updated_at            timestamptz NOT NULL,
    version               bigint      NOT NULL
);

CREATE TABLE kyc_security_question (
    account_id  uuid    NOT NULL REFERENCES kyc_profile (account_id) ON DELETE CASCADE,
    position    integer NOT NULL,
    question    text    NOT NULL,
    -- pbkdf2-sha256$<iterations>$<salt base64>$<hash base64> of the normalised answer
    answer_hash text    NOT NULL,
    PRIMARY KEY (account_id, position)
);
