-- SQLite flavour of the inventory and command tables; keep in step with h2/V2 and postgresql/V2.
-- Types as in sqlite/V1. SQLite compares text bytewise (BINARY collation), as PostgreSQL's "C".

CREATE TABLE user_account (
    id           TEXT PRIMARY KEY,
    upn          TEXT NOT NULL,
    upn_key      TEXT NOT NULL, -- lower-cased: principal names compare case-insensitively
    display_name TEXT NOT NULL,
    CONSTRAINT user_account_upn_uq UNIQUE (upn_key)
);

CREATE TABLE device (
    id                    TEXT PRIMARY KEY,
    external_id           TEXT,
    name                  TEXT NOT NULL,
    name_key              TEXT NOT NULL, -- lower-cased name: the NAME sort and search
    platform              TEXT NOT NULL,
    os_version            TEXT NOT NULL,
    model                 TEXT,
    serial_number         TEXT,
    channel               TEXT NOT NULL,
    ownership             TEXT NOT NULL,
    enrolling_user_id     TEXT,
    current_user_id       TEXT,
    enrolled_at           INTEGER NOT NULL,
    last_check_in_at      INTEGER,
    check_in_key          INTEGER NOT NULL, -- last_check_in_at, or the epoch when never seen
    unlock_token_escrowed INTEGER NOT NULL,
    android_mode          TEXT,
    work_challenge        INTEGER NOT NULL,
    eas_protocol_version  TEXT,
    CONSTRAINT device_external_id_uq UNIQUE (external_id)
);
CREATE INDEX device_by_name ON device (name_key, id);
CREATE INDEX device_by_check_in ON device (check_in_key, id);
CREATE INDEX device_by_enrolled ON device (enrolled_at, id);
CREATE INDEX device_by_user ON device (enrolling_user_id, name_key, id);
CREATE INDEX device_by_channel ON device (channel, name_key, id);
CREATE INDEX device_by_platform ON device (platform, name_key, id);

CREATE TABLE group_member (
    group_id  TEXT NOT NULL REFERENCES static_group (id),
    device_id TEXT NOT NULL REFERENCES device (id),
    PRIMARY KEY (group_id, device_id)
);
CREATE INDEX group_member_device ON group_member (device_id);

CREATE TABLE action_request (
    -- Numbers the request for its commands' keys (command.pos); unique, never reused. SQLite has
    -- no identity columns: the number is the rowid (AUTOINCREMENT: never reused), the id a unique key.
    request_no       INTEGER PRIMARY KEY AUTOINCREMENT,
    id               TEXT NOT NULL,
    action           TEXT NOT NULL,
    options          TEXT NOT NULL,
    requested_by     TEXT NOT NULL,
    requested_from   TEXT,
    idempotency_key  TEXT,
    fingerprint      TEXT,
    created_at       INTEGER NOT NULL,
    expires_at       INTEGER NOT NULL,
    device_count     INTEGER NOT NULL, -- its commands have seq 0 .. device_count - 1
    not_supported    INTEGER NOT NULL,
    -- Wake-up cursor (CommandQueue.claimWakeups): the next seq to wake; a claim leases the
    -- window from it until wake_lease_until, wakeupsDone moves it past the window. Done once it
    -- reaches device_count, or at creation when no command is pending.
    wake_seq         INTEGER NOT NULL DEFAULT 0,
    wake_lease_until INTEGER,
    wakeups_done     INTEGER NOT NULL DEFAULT FALSE,
    -- Expiry cursor (CommandTransitions.expire): every command before expiry_seq is terminal.
    -- Done once it reaches device_count, or at creation when no command is open.
    expiry_seq       INTEGER NOT NULL DEFAULT 0,
    expiry_done      INTEGER NOT NULL DEFAULT FALSE,
    CONSTRAINT action_request_id_uq UNIQUE (id),
    CONSTRAINT action_request_idempotency_uq UNIQUE (requested_by, idempotency_key)
);
CREATE INDEX action_request_by_time ON action_request (created_at, id);
-- The target is not in action_request here, unlike h2/ and postgresql/: SQLite keeps a row in one
-- record and rewrites all of it on every UPDATE, overflow pages included, and reaches a column by
-- walking the overflow pages before it. A 100k-id target (3.7 MB) made each wake-up window's
-- cursor update write ~900 pages (23 ms instead of 0.1) and each check-in's join walk them.
CREATE TABLE action_request_target (
    request_no INTEGER PRIMARY KEY REFERENCES action_request (request_no) ON DELETE CASCADE,
    target     TEXT NOT NULL -- form-encoded DeviceFilter; may list 100k ids
);
-- Partial, as on PostgreSQL: only requests with work left are in them.
CREATE INDEX action_request_wakeups ON action_request (created_at, id) WHERE NOT wakeups_done;
CREATE INDEX action_request_expiry ON action_request (expires_at, id) WHERE NOT expiry_done;

-- One row per device per request, kept narrow because a request may create 100,000 of them in
-- one transaction: the action, creation time, expiry and options are the request's and are read
-- from it. updated_at is null until the first transition (then the request's created_at holds).
-- The key is pos = request_no * 2^24 + seq (seq: the position within the request, its creation
-- order; so at most 16,777,216 commands per request, which create refuses beyond). An INTEGER
-- PRIMARY KEY is SQLite's rowid, so (as on H2) the rows themselves are in (request, seq) order: a
-- request's insert appends at the right-hand end, and the wake-up, expiry and history windows are
-- key range scans. No foreign key on request_id, as on H2 and PostgreSQL: commands are only ever
-- written with their request, in its transaction.
CREATE TABLE command (
    pos        INTEGER PRIMARY KEY, -- request_no * 16777216 + seq
    id         TEXT NOT NULL,
    request_id TEXT NOT NULL,
    device_id  TEXT NOT NULL,
    channel    TEXT,
    state      TEXT NOT NULL,
    detail     TEXT,
    updated_at INTEGER,
    CONSTRAINT command_id_uq UNIQUE (id)
);
-- Check-ins (dueFor) and a device's history: a device has few commands, so they are filtered and
-- sorted (by their request's time) after the seek; a narrow key keeps random inserts cheap.
CREATE INDEX command_by_device ON command (device_id);

-- Append-only history of state changes.
CREATE TABLE command_event (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    command_id  TEXT NOT NULL REFERENCES command (id),
    occurred_at INTEGER NOT NULL,
    from_state  TEXT,
    to_state    TEXT NOT NULL,
    detail      TEXT,
    actor       TEXT
);
CREATE INDEX command_event_by_command ON command_event (command_id, id);

-- Ciphertext only: the core seals secrets before they reach storage.
CREATE TABLE command_secret (
    command_id TEXT PRIMARY KEY REFERENCES command (id),
    kind       TEXT NOT NULL,
    ciphertext BLOB NOT NULL,
    expires_at INTEGER NOT NULL
);
CREATE INDEX command_secret_by_expiry ON command_secret (expires_at);
