package db.migration.common;

import io.latchkey.core.inventory.OsVersion;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Adds {@code device.os_version_key}: the OS version as text whose order is the version order
 * ({@link OsVersion#sortKey}), so the Graph API's {@code osVersion gt '10.0.19041'} is a SQL
 * comparison. Written in Java because the key is computed by the same code that writes new rows;
 * existing rows are filled in batches. On H2 also an index on the id alone, for the search's
 * index hint (JdbcDeviceSearch).
 */
public class V9__device_os_version_key extends BaseJavaMigration {
    private static final int BATCH = 1_000;

    @Override
    public void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
        String product = c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT);
        // SQLite cannot add NOT NULL to an existing column: the column gets it with a default
        // at once; every row is filled below.
        boolean sqlite = product.contains("sqlite");
        try (Statement st = c.createStatement()) {
            st.execute("ALTER TABLE device ADD COLUMN os_version_key VARCHAR(40)" + (sqlite ? " NOT NULL DEFAULT ''" : ""));
        }
        List<String[]> rows = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT id, os_version FROM device")) {
            while (rs.next()) {
                rows.add(new String[]{rs.getString(1), rs.getString(2)});
            }
        }
        try (PreparedStatement up = c.prepareStatement("UPDATE device SET os_version_key = ? WHERE id = ?")) {
            int n = 0;
            for (String[] row : rows) {
                up.setString(1, OsVersion.sortKey(row[1]));
                // The id as read back: a UUID on H2 and PostgreSQL, its text on SQLite.
                up.setObject(2, sqlite ? row[0] : java.util.UUID.fromString(row[0]));
                up.addBatch();
                if (++n % BATCH == 0) {
                    up.executeBatch();
                }
            }
            up.executeBatch();
        }
        try (Statement st = c.createStatement()) {
            if (!sqlite) {
                st.execute("ALTER TABLE device ALTER COLUMN os_version_key SET NOT NULL");
            }
            if (product.contains("h2")) {
                // H2 plans a filtered page on whichever index matches an equality (channel = 'MDM') and
                // sorts all its rows; the device search names the sort key's index instead, and the
                // primary key's index has no stable name to name.
                st.execute("CREATE INDEX device_by_id ON device (id)");
            }
        }
    }
}
