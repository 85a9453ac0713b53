-- SQLite flavour of V1 (h2/ and postgresql/ hold the original, byte for byte, so their checksums
-- stand). SQLite has no identity columns: an INTEGER PRIMARY KEY is the rowid, AUTOINCREMENT keeps
-- it from being reused. Types: UUIDs are lower-case text (36 chars, sorts like the 128-bit value),
-- instants INTEGER microseconds since the epoch (SqlValues), booleans 0/1 (see docs/sqlite.md).

CREATE TABLE admin (
    id            TEXT PRIMARY KEY,
    name          TEXT NOT NULL,
    password_hash TEXT,
    created_at    INTEGER NOT NULL,
    CONSTRAINT admin_name_uq UNIQUE (name)
);

-- Only the SHA-256 of a token is stored; the lookup on every API call is a unique-index seek.
CREATE TABLE api_token (
    id         TEXT PRIMARY KEY,
    admin_id   TEXT NOT NULL REFERENCES admin (id),
    name       TEXT NOT NULL,
    token_hash TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER,
    CONSTRAINT api_token_hash_uq UNIQUE (token_hash)
);
CREATE INDEX api_token_admin ON api_token (admin_id);

-- Append-only: the application never updates or deletes rows. seq breaks ties between events
-- with the same timestamp in the order they were appended.
CREATE TABLE audit_event (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    id          TEXT NOT NULL,
    occurred_at INTEGER NOT NULL,
    actor       TEXT NOT NULL,
    source      TEXT NOT NULL,
    action      TEXT NOT NULL,
    target_type TEXT,
    target      TEXT,
    detail      TEXT NOT NULL,
    CONSTRAINT audit_event_id_uq UNIQUE (id)
);
CREATE INDEX audit_event_time ON audit_event (occurred_at, seq);

CREATE TABLE static_group (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    description TEXT NOT NULL,
    created_at  INTEGER NOT NULL
);
