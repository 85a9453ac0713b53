package io.latchkey.server;

import io.latchkey.server.config.Settings;
import io.latchkey.store.jdbc.JdbcStorage;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * The embedded database admits one process at a time: H2 locks its file, and Latchkey locks the
 * SQLite file's {@code .lock} beside it (SQLite itself would let a second process in). This probe
 * finds out before the pool is built (whose first H2 failure would only show after its connection
 * timeout) and says so plainly.
 */
public final class DatabaseInUse extends RuntimeException {
    /** H2's DATABASE_ALREADY_OPEN_1: the file is locked by another process. */
    private static final int H2_ALREADY_OPEN = 90020;

    private DatabaseInUse(String message) {
        super(message);
    }

    public static void check(Settings settings) {
        if (!settings.embedded()) {
            return;
        }
        if (settings.databaseUrl().startsWith("jdbc:sqlite:")) {
            if (JdbcStorage.embeddedFileInUse(settings.databaseUrl())) {
                throw inUse(settings);
            }
            return;
        }
        try (Connection ignored = DriverManager.getConnection(settings.databaseUrl(), settings.databaseUser(),
                settings.databasePassword())) {
            // free: the probe connection closes and the database with it
        } catch (SQLException e) {
            if (e.getErrorCode() == H2_ALREADY_OPEN || String.valueOf(e.getMessage()).contains("already in use")) {
                throw inUse(settings);
            }
            throw new IllegalStateException("cannot open the embedded database in " + settings.dataDir() + ": "
                    + e.getMessage(), e);
        }
    }

    private static DatabaseInUse inUse(Settings settings) {
        return new DatabaseInUse("the embedded database in " + settings.dataDir() + " is in use by another "
                + "process (probably a running Latchkey server). Stop that server first, or import through "
                + "its API: POST /api/v1/import");
    }
}
