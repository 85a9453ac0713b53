-- An API token may be limited to some of its administrator's roles (issue 8 item 1): their names,
-- one per line; NULL = every role the administrator holds. Never more than the administrator holds.
ALTER TABLE api_token ADD COLUMN only_roles VARCHAR(4000);
