-- Issue 3: a device leaves management (CheckOut, retire, erase) without leaving the inventory.
ALTER TABLE device ADD COLUMN unenrolled_at TIMESTAMP WITH TIME ZONE;

-- Where a push channel wakes each device (APNs token + PushMagic + topic, WNS channel URI),
-- replaced by every report; invalid_since is set when the push service refuses the token.
CREATE TABLE push_address (
    device_id     UUID PRIMARY KEY REFERENCES device (id) ON DELETE CASCADE,
    channel       VARCHAR(30) NOT NULL,
    token         VARCHAR(2048) NOT NULL,
    magic         VARCHAR(200),
    topic         VARCHAR(255),
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    invalid_since TIMESTAMP WITH TIME ZONE
);

-- Secrets devices escrow with the server (Apple's UnlockToken): ciphertext only, sealed by the
-- core with the device id and kind as associated data.
CREATE TABLE escrowed_secret (
    device_id  UUID NOT NULL REFERENCES device (id) ON DELETE CASCADE,
    kind       VARCHAR(40) NOT NULL,
    ciphertext BYTEA NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (device_id, kind)
);
