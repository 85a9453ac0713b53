package io.latchkey.store.jdbc;

import org.opentest4j.TestAbortedException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Fresh, isolated databases for tests (also used by the server module through the test jar):
 * an H2 file database in a new temporary directory, or a new schema in the PostgreSQL test
 * database named by LATCHKEY_TEST_PG_URL / _USER / _PASSWORD.
 */
public final class TestDatabases {
    public static final String PG_URL = env("LATCHKEY_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/latchkey_test");
    public static final String PG_USER = env("LATCHKEY_TEST_PG_USER", "latchkey");
    public static final String PG_PASSWORD = env("LATCHKEY_TEST_PG_PASSWORD", "latchkey");

    private TestDatabases() {
    }

    /** A migrated storage with its own cleanup; close it to drop the database. */
    public record Database(JdbcStorage storage, Runnable cleanup) implements AutoCloseable {
        @Override
        public void close() {
            storage.close();
            cleanup.run();
        }
    }

    /** An H2 file database in a new temporary directory. */
    public static Database h2() {
        return embedded("latchkey-h2-", dir -> new JdbcStorage.Settings(JdbcStorage.h2FileUrl(dir), "sa", "", 8));
    }

    /** A SQLite file database in a new temporary directory (docs/sqlite.md). */
    public static Database sqlite() {
        return embedded("latchkey-sqlite-", dir -> new JdbcStorage.Settings(JdbcStorage.sqliteFileUrl(dir), "", "", 8));
    }

    private static Database embedded(String prefix, java.util.function.Function<Path, JdbcStorage.Settings> settings) {
        try {
            Path dir = Files.createTempDirectory(prefix);
            JdbcStorage storage = JdbcStorage.open(settings.apply(dir));
            storage.migrate();
            return new Database(storage, () -> deleteTree(dir));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A new schema in the PostgreSQL test database. When PostgreSQL is unreachable the calling
     * test is aborted (skipped) with a loud message, unless CI=true or LATCHKEY_REQUIRE_PG=1,
     * where it fails: a CI run must not pass by skipping its PostgreSQL half.
     */
    public static Database postgres() {
        String schema = "lk_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, PG_PASSWORD);
             Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            String message = "PostgreSQL at " + PG_URL + " is unreachable (" + e.getMessage()
                    + "); run scripts/ensure-postgres.sh or set LATCHKEY_TEST_PG_URL";
            if ("true".equalsIgnoreCase(System.getenv("CI")) || "1".equals(System.getenv("LATCHKEY_REQUIRE_PG"))) {
                throw new IllegalStateException(message, e);
            }
            System.err.println("\n*** SKIPPING PostgreSQL storage tests: " + message + " ***\n");
            throw new TestAbortedException(message, e);
        }
        String url = PG_URL + (PG_URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        JdbcStorage storage = JdbcStorage.open(new JdbcStorage.Settings(url, PG_USER, PG_PASSWORD, 8));
        storage.migrate();
        return new Database(storage, () -> dropSchema(schema));
    }

    private static void dropSchema(String schema) {
        try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, PG_PASSWORD);
             Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA " + schema + " CASCADE");
        } catch (SQLException e) {
            System.err.println("could not drop test schema " + schema + ": " + e.getMessage());
        }
    }

    static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete " + dir + ": " + e.getMessage());
        }
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
