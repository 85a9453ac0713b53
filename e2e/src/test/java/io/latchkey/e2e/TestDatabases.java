package io.latchkey.e2e;

import io.latchkey.store.jdbc.JdbcStorage;
import org.junit.jupiter.api.Assumptions;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * The databases the crash tests run on: a fresh embedded SQLite file (the server's default), a fresh
 * embedded H2 file (kept for installations from before SQLite), or a fresh PostgreSQL schema.
 */
final class TestDatabases {
    private TestDatabases() {
    }

    /** The database {@code serve --data-dir dir} opens by default. */
    static JdbcStorage.Settings embedded(Path dir) {
        return new JdbcStorage.Settings(JdbcStorage.sqliteFileUrl(dir), "sa", "", 4);
    }

    static JdbcStorage.Settings h2(Path dir) {
        return new JdbcStorage.Settings(JdbcStorage.h2FileUrl(dir), "sa", "", 4);
    }

    /**
     * A new schema on the test PostgreSQL server (scripts/ensure-postgres.sh starts it). Skipped when
     * the server is unreachable outside CI; a failure in CI, where the test command starts it.
     */
    static JdbcStorage.Settings postgres() {
        String url = env("LATCHKEY_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/latchkey_test");
        String user = env("LATCHKEY_TEST_PG_USER", "latchkey");
        String password = env("LATCHKEY_TEST_PG_PASSWORD", "latchkey");
        String schema = "crash_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            boolean required = "true".equals(System.getenv("CI")) || "1".equals(System.getenv("LATCHKEY_REQUIRE_PG"));
            if (required) {
                throw new IllegalStateException("PostgreSQL is required but unreachable at " + url, e);
            }
            Assumptions.abort("PostgreSQL unreachable at " + url + " (run scripts/ensure-postgres.sh): " + e);
        }
        return new JdbcStorage.Settings(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema, user,
                password, 4);
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
