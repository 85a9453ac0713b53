-- One-time enrollment codes (every channel: the Apple SCEP challenge, later Windows OnPremise).
-- Only the SHA-256 of a code is stored. Redeeming is one conditional UPDATE on the primary key
-- (used_at IS NULL AND expires_at > now), so of two racing devices exactly one changes the row.
CREATE TABLE enrollment_code (
    code_hash  VARCHAR(64) PRIMARY KEY,
    user_id    TEXT NOT NULL REFERENCES user_account (id) ON DELETE CASCADE,
    channel    VARCHAR(30) NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
    used_at    TIMESTAMP WITH TIME ZONE
);
CREATE INDEX enrollment_code_expiry ON enrollment_code (expires_at);
CREATE INDEX enrollment_code_user ON enrollment_code (user_id);
