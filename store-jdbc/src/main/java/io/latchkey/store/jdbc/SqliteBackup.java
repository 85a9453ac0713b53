package io.latchkey.store.jdbc;

import org.sqlite.SQLiteConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A consistent copy of the embedded SQLite database while the server keeps running. Copying the
 * file itself is not a backup: in WAL mode the latest commits live in the {@code -wal} file until a
 * checkpoint, and a copy taken during a write can be torn. {@code VACUUM INTO} writes a new database
 * from one read transaction, so it is the state at one commit, and in WAL mode it neither waits for
 * the server's writers nor holds them up (SQLite documentation, "VACUUM", "VACUUM INTO"; "Write-Ahead
 * Logging"). The source is opened read-only and without the server's process lock, which guards
 * writers only. The copy is then checked with {@code PRAGMA integrity_check}; on any failure it is
 * removed, so a half-written file is never left to be mistaken for a backup.
 */
public final class SqliteBackup {
    /** Tables whose row counts the result reports, so an operator sees what the backup holds. */
    private static final String[] COUNTED = {"device", "user_account", "action_request", "command", "audit_event"};

    private SqliteBackup() {
    }

    /** @param rows rows per counted table in the copy; {@code bytes} its size */
    public record Result(Path file, long bytes, Map<String, Long> rows) {
    }

    /**
     * Writes the database a {@code jdbc:sqlite:} URL names into {@code target}.
     *
     * @throws IllegalArgumentException when the URL names no database file, the database does not
     *                                  exist, {@code target} exists or its directory does not
     * @throws IllegalStateException    when SQLite fails or the copy is not intact (the copy is removed)
     */
    public static Result write(String sqliteUrl, Path target) {
        Path source = SqliteProcessLock.fileOf(sqliteUrl);
        if (source == null || !Files.isRegularFile(source)) {
            throw new IllegalArgumentException("no SQLite database file at " + (source == null ? sqliteUrl : source));
        }
        Path to = target.toAbsolutePath().normalize();
        if (Files.exists(to)) {
            throw new IllegalArgumentException(to + " exists already: a backup never overwrites a file");
        }
        if (to.getParent() == null || !Files.isDirectory(to.getParent())) {
            throw new IllegalArgumentException("no directory " + to.getParent() + " to write the backup into");
        }
        boolean done = false;
        try {
            try (Connection c = readOnly(source); Statement st = c.createStatement()) {
                st.execute("VACUUM INTO '" + to.toString().replace("'", "''") + "'");
            }
            Result result = check(to);
            done = true;
            return result;
        } catch (SQLException e) {
            throw new IllegalStateException("the backup of " + source + " failed: " + e.getMessage(), e);
        } finally {
            if (!done) {
                deleteQuietly(to);
            }
        }
    }

    private static Result check(Path file) throws SQLException {
        Map<String, Long> rows = new LinkedHashMap<>();
        try (Connection c = readOnly(file); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("PRAGMA integrity_check")) {
                String verdict = rs.next() ? rs.getString(1) : "no answer";
                if (!"ok".equals(verdict)) {
                    throw new IllegalStateException("the backup is not intact (integrity_check: " + verdict + ")");
                }
            }
            for (String table : COUNTED) {
                try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + table)) {
                    rs.next();
                    rows.put(table, rs.getLong(1));
                }
            }
        }
        try {
            return new Result(file, Files.size(file), rows);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the size of " + file, e);
        }
    }

    private static Connection readOnly(Path file) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        // The server may hold the write lock for a moment; a reader in WAL mode waits only for a checkpoint.
        config.setBusyTimeout(20_000);
        return config.createConnection("jdbc:sqlite:" + file);
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // reported by the failure that brought us here
        }
    }
}
