package io.latchkey.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * Is an embedded database's transaction atomic across SIGKILL? The evidence behind the embedded store
 * decision (BENCHMARKS.md "Embedded databases under kill -9"), run by {@code bench/embedded-crash.sh}.
 *
 * <p>{@code write <engine> <dir> <rows>}: one connection commits transactions of exactly {@code rows}
 * rows (two UUID columns, a unique and a plain index, as the command table has) over and over, while a
 * second connection commits a one-row transaction every 3 ms (other requests of a busy server); prints
 * START once writing. The script kills it with SIGKILL at a random moment.
 *
 * <p>{@code check <engine> <dir> <rows>}: reopens the database and prints one line: the row count, WHOLE
 * when it is a multiple of {@code rows} (every transaction all or nothing) or TORN, and whether every row
 * can still be updated. A torn H2 file leaves rows locked by a transaction that no longer exists; writing
 * them spins, so the script gives the check a deadline and reports a check that missed it as hung.
 */
public final class EmbeddedCrashProbe {
    private EmbeddedCrashProbe() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 4 || !(args[0].equals("write") || args[0].equals("check"))) {
            System.err.println("usage: EmbeddedCrashProbe write|check h2|hsqldb|sqlite <dir> <rows per transaction>");
            System.exit(2);
        }
        String url = url(args[1], Path.of(args[2]));
        int rows = Integer.parseInt(args[3]);
        if (args[0].equals("write")) {
            write(url, rows);
        } else {
            check(url, rows);
        }
    }

    /**
     * H2 as Latchkey opens it (JdbcStorage: WRITE_DELAY=0, each commit writes its chunk); HyperSQL with
     * MVCC, disk-based (CACHED) tables and its redo log synced every 100 ms, which SIGKILL cannot lose
     * (the written log is in the operating system's cache); SQLite in write-ahead-log mode, synced at
     * checkpoints (a process kill loses nothing committed; a power cut may lose the last commits, never
     * half of one). SQLite has no UUID type: the columns take the UUID's text.
     */
    static String url(String engine, Path dir) {
        return switch (engine) {
            case "h2" -> "jdbc:h2:file:" + dir.toAbsolutePath().resolve("probe")
                    + ";DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=2000;WRITE_DELAY=0;QUERY_CACHE_SIZE=256";
            case "hsqldb" -> "jdbc:hsqldb:file:" + dir.toAbsolutePath().resolve("probe")
                    + ";hsqldb.tx=mvcc;hsqldb.default_table_type=cached;hsqldb.write_delay_millis=100"
                    + ";hsqldb.lock_file=false";
            case "sqlite" -> "jdbc:sqlite:" + dir.toAbsolutePath().resolve("probe.db")
                    + "?journal_mode=WAL&synchronous=NORMAL&busy_timeout=20000";
            default -> throw new IllegalArgumentException("engine must be h2, hsqldb or sqlite, was " + engine);
        };
    }

    private static void write(String url, int rows) throws SQLException {
        boolean sqlite = url.startsWith("jdbc:sqlite:");
        try (Connection c = DriverManager.getConnection(url, "SA", "")) {
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TABLE IF NOT EXISTS probe_row (id BIGINT PRIMARY KEY, u UUID NOT NULL,"
                        + " d UUID NOT NULL, v VARCHAR(100), CONSTRAINT probe_u UNIQUE (u))");
                st.execute("CREATE TABLE IF NOT EXISTS probe_other (id BIGINT PRIMARY KEY, v VARCHAR(100))");
                try {
                    st.execute("CREATE INDEX probe_d ON probe_row (d)");
                } catch (SQLException exists) {
                    // made by an earlier trial
                }
            }
            long next = max(c, "probe_row") + 1;
            Thread other = Thread.ofPlatform().daemon().start(() -> commitOthers(url));
            c.setAutoCommit(false);
            System.out.println("START");
            System.out.flush();
            while (other.isAlive()) {
                try (PreparedStatement st = c.prepareStatement("INSERT INTO probe_row VALUES (?, ?, ?, ?)")) {
                    for (int i = 0; i < rows; i++) {
                        st.setLong(1, next++);
                        st.setObject(2, sqlite ? UUID.randomUUID().toString() : UUID.randomUUID());
                        st.setObject(3, sqlite ? UUID.randomUUID().toString() : UUID.randomUUID());
                        st.setString(4, "row " + i);
                        st.addBatch();
                        if (i % 1000 == 999 || i == rows - 1) {
                            st.executeBatch();
                        }
                    }
                }
                c.commit();
            }
        }
    }

    private static void commitOthers(String url) {
        try (Connection o = DriverManager.getConnection(url, "SA", "");
             PreparedStatement st = o.prepareStatement("INSERT INTO probe_other VALUES (?, 'x')")) {
            for (long id = max(o, "probe_other") + 1; ; id++) {
                st.setLong(1, id);
                st.executeUpdate();
                Thread.sleep(3);
            }
        } catch (SQLException | InterruptedException e) {
            System.err.println("other writer stopped: " + e);
        }
    }

    private static void check(String url, int rows) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, "SA", "")) {
            long n;
            try (ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM probe_row")) {
                rs.next();
                n = rs.getLong(1);
            }
            System.out.print("rows " + n + (n % rows == 0 ? " WHOLE" : " TORN"));
            System.out.flush();
            String update;
            try (Statement st = c.createStatement()) {
                st.executeUpdate("UPDATE probe_row SET v = 'checked'");
                update = "every row writable";
            } catch (SQLException e) {
                update = "rows not writable: " + e.getMessage().lines().findFirst().orElse("");
            }
            System.out.println("; " + update);
            if (!url.startsWith("jdbc:sqlite:")) { // SQLite closes with its last connection
                try (Statement st = c.createStatement()) {
                    st.execute("SHUTDOWN");
                }
            }
        }
    }

    private static long max(Connection c, String table) throws SQLException {
        try (ResultSet rs = c.createStatement().executeQuery("SELECT COALESCE(MAX(id), 0) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
