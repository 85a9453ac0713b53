-- Roles and their assignments (issue 8 item 2). Same SQL on H2 and PostgreSQL.
-- Permissions are stored by their enum name; the code's definition of a built-in role wins over
-- these seeded rows, which exist so that reports and exports see the full picture.

CREATE TABLE role (
    name     VARCHAR(100) PRIMARY KEY,
    built_in BOOLEAN NOT NULL
);

CREATE TABLE role_permission (
    role_name  VARCHAR(100) NOT NULL REFERENCES role (name) ON DELETE CASCADE,
    permission VARCHAR(40) NOT NULL,
    PRIMARY KEY (role_name, permission)
);

-- all_devices = FALSE means "only the groups listed in role_assignment_group".
CREATE TABLE role_assignment (
    admin_id    TEXT NOT NULL REFERENCES admin (id) ON DELETE CASCADE,
    role_name   VARCHAR(100) NOT NULL REFERENCES role (name) ON DELETE CASCADE,
    all_devices BOOLEAN NOT NULL,
    PRIMARY KEY (admin_id, role_name)
);

CREATE TABLE role_assignment_group (
    admin_id  TEXT NOT NULL,
    role_name VARCHAR(100) NOT NULL,
    group_id  TEXT NOT NULL REFERENCES static_group (id) ON DELETE CASCADE,
    PRIMARY KEY (admin_id, role_name, group_id),
    FOREIGN KEY (admin_id, role_name) REFERENCES role_assignment (admin_id, role_name) ON DELETE CASCADE
);

INSERT INTO role (name, built_in) VALUES ('Administrator', TRUE), ('Help Desk Operator', TRUE),
    ('Read Only Operator', TRUE);

INSERT INTO role_permission (role_name, permission) VALUES
    ('Administrator', 'REMOTE_LOCK'), ('Administrator', 'PASSCODE_RESET'), ('Administrator', 'RETIRE'),
    ('Administrator', 'WIPE'), ('Administrator', 'LOST_MODE'), ('Administrator', 'SYNC'),
    ('Administrator', 'REVEAL_SECRET'), ('Administrator', 'READ_DEVICES'), ('Administrator', 'MANAGE_DEVICES'),
    ('Administrator', 'MANAGE_USERS'), ('Administrator', 'MANAGE_GROUPS'), ('Administrator', 'MANAGE_ENROLLMENT'),
    ('Administrator', 'MANAGE_ROLES'), ('Administrator', 'READ_AUDIT'),
    ('Help Desk Operator', 'REMOTE_LOCK'), ('Help Desk Operator', 'PASSCODE_RESET'), ('Help Desk Operator', 'RETIRE'),
    ('Help Desk Operator', 'WIPE'), ('Help Desk Operator', 'LOST_MODE'), ('Help Desk Operator', 'SYNC'),
    ('Help Desk Operator', 'REVEAL_SECRET'), ('Help Desk Operator', 'READ_DEVICES'),
    ('Help Desk Operator', 'READ_AUDIT'),
    ('Read Only Operator', 'READ_DEVICES'), ('Read Only Operator', 'READ_AUDIT');

-- Every admin that existed before roles keeps full power, so an upgrade locks nobody out.
INSERT INTO role_assignment (admin_id, role_name, all_devices)
    SELECT id, 'Administrator', TRUE FROM admin;
