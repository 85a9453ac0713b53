-- Issue 5: the Android Enterprise this installation is bound to (one row), and the commands handed
-- to the Android Management API that are still followed: the operation's name once AMAPI gave it,
-- and a temporary passcode sealed (AES-GCM, bound to the command id) until the device applied it.
CREATE TABLE android_enterprise (
    id           INTEGER PRIMARY KEY,
    name         VARCHAR(200) NOT NULL,
    display_name VARCHAR(200),
    policy_name  VARCHAR(300) NOT NULL,
    bound_at     TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE cloud_operation (
    command_id     UUID PRIMARY KEY,
    device_id      UUID NOT NULL,
    operation_name VARCHAR(400),
    sealed_secret  BYTEA,
    started_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE UNIQUE INDEX cloud_operation_by_name ON cloud_operation (operation_name);
CREATE INDEX cloud_operation_by_start ON cloud_operation (started_at);
