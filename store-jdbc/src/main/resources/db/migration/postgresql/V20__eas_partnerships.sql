-- Issue 10: the Exchange ActiveSync gateway's device partnerships, one per EAS DeviceId, each naming
-- the device record it is (an EAS-only device, or the MDM device it turned out to be: easMdm).
-- Last seen is the device's last_check_in_at (written in batches), so a Ping costs no write here.
CREATE TABLE eas_partnership (
    eas_device_id    VARCHAR(128) PRIMARY KEY,
    device_id        UUID NOT NULL REFERENCES device (id) ON DELETE CASCADE,
    device_type      VARCHAR(128) NOT NULL,
    user_name        VARCHAR(256),
    user_agent       VARCHAR(512),
    protocol_version VARCHAR(8) NOT NULL,
    access           VARCHAR(16) NOT NULL,
    first_seen       TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    model            VARCHAR(256),
    os               VARCHAR(256),
    imei             VARCHAR(64),
    friendly_name    VARCHAR(256)
);
CREATE INDEX eas_partnership_by_device ON eas_partnership (device_id);
