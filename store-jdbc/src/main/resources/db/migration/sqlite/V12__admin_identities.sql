-- Admin identities (issue 8): revocable API tokens, sign-in throttling shared by every node, and
-- the optional TOTP second factor. Same SQL on H2 and PostgreSQL.

ALTER TABLE api_token ADD COLUMN revoked_at TIMESTAMP WITH TIME ZONE;

-- One row per failed sign-in of a subject ("account:NAME" or "address:IP"); rows older than the
-- window are deleted as new ones come, so the table stays as small as the attack is.
CREATE TABLE sign_in_failure (
    subject   VARCHAR(300) NOT NULL,
    failed_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX sign_in_failure_subject ON sign_in_failure (subject, failed_at);

CREATE TABLE sign_in_lock (
    subject      VARCHAR(300) PRIMARY KEY,
    locked_until TIMESTAMP WITH TIME ZONE NOT NULL
);

-- The secret is sealed (AES-GCM, bound to the admin id) and Base64-encoded; last_step makes a
-- used code unusable again: it only moves forward, by a conditional update.
CREATE TABLE admin_totp (
    admin_id      TEXT PRIMARY KEY REFERENCES admin (id),
    sealed_secret VARCHAR(400) NOT NULL,
    confirmed     BOOLEAN NOT NULL,
    last_step     BIGINT NOT NULL
);
