-- Device identity certificates the CA issued (Apple SCEP today), keyed by the SHA-256 of the DER
-- certificate. device_id and external_id (UDID / EnrollmentID) are set together, once, by the
-- device's first authenticated message: a conditional UPDATE (device_id IS NULL), so of two racing
-- binds exactly one changes the row. external_id is indexed, not unique: a device that re-enrolls
-- gets a new certificate for the same UDID, and whether the old one is then revoked is the check-in's call.
-- device_id has no foreign key: the identity is bound as the device record is created.
CREATE TABLE device_identity (
    fingerprint   VARCHAR(64) PRIMARY KEY,
    serial_number VARCHAR(64) NOT NULL,
    user_id       TEXT NOT NULL REFERENCES user_account (id) ON DELETE CASCADE,
    channel       VARCHAR(30) NOT NULL,
    issued_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    not_after     TIMESTAMP WITH TIME ZONE NOT NULL,
    device_id     TEXT,
    external_id   VARCHAR(200),
    revoked_at    TIMESTAMP WITH TIME ZONE
);
CREATE INDEX device_identity_user ON device_identity (user_id);
CREATE INDEX device_identity_external ON device_identity (external_id);
