-- Multi-admin approval (issue 8 item 3): submissions an approval policy holds back until a second
-- administrator decides. The submission is kept as it was asked (target and options form-encoded
-- like action_request's); its devices are selected only when it is approved. Only the move out of
-- 'PENDING' ever updates a row, by a conditional UPDATE, so of concurrent deciders one wins.
-- requester_id is the admin account (no foreign key: the record outlives an account's removal).
CREATE TABLE approval_request (
    id                TEXT PRIMARY KEY,
    action            TEXT NOT NULL,
    target            TEXT NOT NULL,
    options           TEXT NOT NULL,
    ttl_seconds       BIGINT,
    requester_id      TEXT NOT NULL,
    requester_name    TEXT NOT NULL,
    requester_address TEXT NOT NULL,
    reason            TEXT NOT NULL,
    policy_reason     TEXT NOT NULL,
    device_count      INTEGER NOT NULL,
    created_at        INTEGER NOT NULL,
    expires_at        INTEGER NOT NULL,
    state             TEXT NOT NULL,
    decided_by_id     TEXT,
    decided_by        TEXT,
    decided_at        INTEGER,
    decision_comment  TEXT NOT NULL DEFAULT '',
    -- the Idempotency-Key the requester sent: a retry finds its request instead of making another
    client_key        TEXT,
    CONSTRAINT approval_request_client_key_uq UNIQUE (requester_id, client_key)
);
CREATE INDEX approval_request_by_time ON approval_request (created_at, id);
CREATE INDEX approval_request_by_state ON approval_request (state, created_at, id);

-- The permission to decide them: Administrator only among the built-in roles.
INSERT INTO role_permission (role_name, permission) VALUES ('Administrator', 'APPROVE_ACTIONS');
