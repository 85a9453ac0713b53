-- Envelope encryption (issue 8 item 5): the data keys that seal secrets, each stored wrapped
-- (AES-256-GCM) under a master key that is never in the database; master_key_id is that key's
-- fingerprint, so a node knows which of its master keys opens the row.
CREATE TABLE data_key (
    id            INTEGER PRIMARY KEY,
    master_key_id VARCHAR(32) NOT NULL,
    wrapped       BYTEA NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
