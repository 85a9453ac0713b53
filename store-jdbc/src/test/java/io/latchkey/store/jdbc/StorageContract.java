package io.latchkey.store.jdbc;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import io.latchkey.core.audit.AuditHash;

/**
 * The storage contract: every port method and semantic, written once (in the *Contract
 * interfaces, one per feature) and run against each database by a concrete subclass. One fresh
 * database per class; tables are emptied before each test so tests never see each other's rows.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class StorageContract implements SchemaContract, DevicesContract, DevicePagingContract,
        UsersContract, GroupsContract, ImportContract, RequestsContract, TransitionsContract, QueueContract,
        AuditAdminContract, EnrollmentCodesContract, DeviceIdentitiesContract, DeviceReachContract,
        AndroidChannelContract, DeviceSearchContract, AuditChainContract, ConsoleReadsContract,
        AdminIdentitiesContract, RolesContract, DataKeysContract, EasPartnershipsContract, ScopesContract, ApprovalsContract, CheckInLookupContract {
    /** Children before parents, so foreign keys never object. */
    private static final String[] TABLES = {"approval_request", "cloud_operation", "android_enterprise", "wire_ref", "command_secret", "command_event", "command", "action_request",
            "group_member", "static_group", "push_address", "escrowed_secret", "eas_partnership", "device", "enrollment_code", "device_identity", "user_account", "api_token", "admin_totp",
            "sign_in_failure", "sign_in_lock", "role_assignment_group", "role_assignment", "admin", "audit_event", "data_key"};

    private TestDatabases.Database database;

    /** A new, migrated database for this class. */
    protected abstract TestDatabases.Database openDatabase();

    @BeforeAll
    void openStorage() {
        database = openDatabase();
    }

    @AfterAll
    void closeStorage() {
        if (database != null) {
            database.close();
        }
    }

    @BeforeEach
    void emptyTables() throws SQLException {
        try (Connection c = storage().dataSource().getConnection(); Statement st = c.createStatement()) {
            for (String table : TABLES) {
                st.executeUpdate("DELETE FROM " + table);
            }
            // The audit chain starts again with the emptied log.
            st.executeUpdate("UPDATE audit_chain_head SET last_no = 0, last_hash = '" + AuditHash.GENESIS + "'");
        }
    }

    @Override
    public JdbcStorage storage() {
        return database.storage();
    }
}
