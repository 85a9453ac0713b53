-- PostgreSQL flavour of the inventory and command tables; keep in step with h2/V2.
-- Sort keys use the "C" collation so paging order is bytewise and the same as on H2.

CREATE TABLE user_account (
    id           UUID PRIMARY KEY,
    upn          VARCHAR(320) NOT NULL,
    upn_key      VARCHAR(320) COLLATE "C" NOT NULL, -- lower-cased: principal names compare case-insensitively
    display_name VARCHAR NOT NULL,
    CONSTRAINT user_account_upn_uq UNIQUE (upn_key)
);

CREATE TABLE device (
    id                    UUID PRIMARY KEY,
    external_id           VARCHAR(255),
    name                  VARCHAR(400) NOT NULL,
    name_key              VARCHAR(400) COLLATE "C" NOT NULL, -- lower-cased name: the NAME sort and search
    platform              VARCHAR(20) NOT NULL,
    os_version            VARCHAR NOT NULL,
    model                 VARCHAR,
    serial_number         VARCHAR,
    channel               VARCHAR(20) NOT NULL,
    ownership             VARCHAR(20) NOT NULL,
    enrolling_user_id     UUID,
    current_user_id       UUID,
    enrolled_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    last_check_in_at      TIMESTAMP WITH TIME ZONE,
    check_in_key          TIMESTAMP WITH TIME ZONE NOT NULL, -- last_check_in_at, or the epoch when never seen
    unlock_token_escrowed BOOLEAN NOT NULL,
    android_mode          VARCHAR(20),
    work_challenge        BOOLEAN NOT NULL,
    eas_protocol_version  VARCHAR(20),
    CONSTRAINT device_external_id_uq UNIQUE (external_id)
);
CREATE INDEX device_by_name ON device (name_key, id);
CREATE INDEX device_by_check_in ON device (check_in_key, id);
CREATE INDEX device_by_enrolled ON device (enrolled_at, id);
CREATE INDEX device_by_user ON device (enrolling_user_id, name_key, id);
CREATE INDEX device_by_channel ON device (channel, name_key, id);
CREATE INDEX device_by_platform ON device (platform, name_key, id);

CREATE TABLE group_member (
    group_id  UUID NOT NULL REFERENCES static_group (id),
    device_id UUID NOT NULL REFERENCES device (id),
    PRIMARY KEY (group_id, device_id)
);
CREATE INDEX group_member_device ON group_member (device_id);

CREATE TABLE action_request (
    id               UUID PRIMARY KEY,
    -- Numbers the request for its commands' keys (command.pos); unique, never reused.
    request_no       BIGINT GENERATED ALWAYS AS IDENTITY NOT NULL,
    action           VARCHAR(20) NOT NULL,
    target           TEXT NOT NULL, -- form-encoded DeviceFilter; may list 100k ids
    options          VARCHAR NOT NULL,
    requested_by     VARCHAR(200) NOT NULL,
    requested_from   VARCHAR,
    idempotency_key  VARCHAR(200),
    fingerprint      VARCHAR(128),
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    device_count     INTEGER NOT NULL, -- its commands have seq 0 .. device_count - 1
    not_supported    INTEGER NOT NULL,
    -- Wake-up cursor (CommandQueue.claimWakeups): the next seq to wake; a claim leases the
    -- window from it until wake_lease_until, wakeupsDone moves it past the window. Done once it
    -- reaches device_count, or at creation when no command is pending.
    wake_seq         INTEGER NOT NULL DEFAULT 0,
    wake_lease_until TIMESTAMP WITH TIME ZONE,
    wakeups_done     BOOLEAN NOT NULL DEFAULT FALSE,
    -- Expiry cursor (CommandTransitions.expire): every command before expiry_seq is terminal.
    -- Done once it reaches device_count, or at creation when no command is open.
    expiry_seq       INTEGER NOT NULL DEFAULT 0,
    expiry_done      BOOLEAN NOT NULL DEFAULT FALSE,
    CONSTRAINT action_request_no_uq UNIQUE (request_no),
    CONSTRAINT action_request_idempotency_uq UNIQUE (requested_by, idempotency_key)
);
CREATE INDEX action_request_by_time ON action_request (created_at, id);
-- Partial: only requests with work left are in them, so a claim or an expiry pass is a seek
-- whatever the history holds.
CREATE INDEX action_request_wakeups ON action_request (created_at, id) WHERE NOT wakeups_done;
CREATE INDEX action_request_expiry ON action_request (expires_at, id) WHERE NOT expiry_done;

-- One row per device per request, kept narrow because a request may create 100,000 of them in
-- one transaction: the action, creation time, expiry and options are the request's and are read
-- from it. updated_at is null until the first transition (then the request's created_at holds).
-- The key is pos = request_no * 2^24 + seq (seq: the position within the request, its creation
-- order; so at most 16,777,216 commands per request, which create refuses beyond), as on H2 where
-- it is the row key: a request's insert appends to the key index, and the wake-up, expiry and
-- history windows are key range scans. No foreign key on request_id, as on H2: checking it cost
-- ~300 ms of a 100,000-command request, and commands are only ever written with their request,
-- in its transaction (the e2e crash tests look for orphans after every kill).
CREATE TABLE command (
    pos        BIGINT PRIMARY KEY, -- request_no * 16777216 + seq
    id         UUID NOT NULL,
    request_id UUID NOT NULL,
    device_id  UUID NOT NULL,
    channel    VARCHAR(24),
    state      VARCHAR(16) NOT NULL,
    detail     VARCHAR,
    updated_at TIMESTAMP WITH TIME ZONE,
    CONSTRAINT command_id_uq UNIQUE (id)
);
-- Check-ins (dueFor) and a device's history: a device has few commands, so they are filtered and
-- sorted (by their request's time) after the seek; a narrow key keeps random inserts cheap.
CREATE INDEX command_by_device ON command (device_id);

-- Append-only history of state changes.
CREATE TABLE command_event (
    id          BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    command_id  UUID NOT NULL REFERENCES command (id),
    occurred_at TIMESTAMP WITH TIME ZONE NOT NULL,
    from_state  VARCHAR(16),
    to_state    VARCHAR(16) NOT NULL,
    detail      VARCHAR,
    actor       VARCHAR(200)
);
CREATE INDEX command_event_by_command ON command_event (command_id, id);

-- Ciphertext only: the core seals secrets before they reach storage.
CREATE TABLE command_secret (
    command_id UUID PRIMARY KEY REFERENCES command (id),
    kind       VARCHAR(40) NOT NULL,
    ciphertext BYTEA NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX command_secret_by_expiry ON command_secret (expires_at);
