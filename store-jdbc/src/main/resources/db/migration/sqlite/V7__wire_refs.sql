-- Issue 4: which engine command each OMA-DM CmdID of a server message stands for, so that the
-- device's Status/Results (by MsgRef and CmdRef) find their command on whichever node they reach.
CREATE TABLE wire_ref (
    device_id  TEXT NOT NULL,
    session_id VARCHAR(64) NOT NULL,
    msg_id     INTEGER NOT NULL,
    cmd_id     INTEGER NOT NULL,
    command_id TEXT NOT NULL,
    element    VARCHAR(16) NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (device_id, session_id, msg_id, cmd_id)
);
CREATE INDEX wire_ref_by_time ON wire_ref (created_at);
