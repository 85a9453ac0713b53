package io.latchkey.store.jdbc;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.UUID;

/**
 * Run by {@link H2KillRecoveryTest} in a JVM of its own, which it kills: through the storage's own
 * pool, commits transactions of {@link #ROWS} rows each into a scratch table of the embedded database
 * in {@code args[0]} (keyed and indexed like the command table), while a second connection commits
 * one-row transactions, as a server's check-ins do.
 */
public final class H2KillChild {
    static final int ROWS = 20_000;

    private H2KillChild() {
    }

    public static void main(String[] args) throws Exception {
        JdbcStorage storage = JdbcStorage.open(new JdbcStorage.Settings(JdbcStorage.h2FileUrl(Path.of(args[0])), "sa", "", 4));
        try (Connection c = storage.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS kill_probe (pos BIGINT PRIMARY KEY, id UUID NOT NULL UNIQUE,"
                    + " device_id UUID NOT NULL, detail VARCHAR)");
            s.execute("CREATE INDEX IF NOT EXISTS kill_probe_device ON kill_probe (device_id)");
            s.execute("CREATE TABLE IF NOT EXISTS kill_probe_small (id BIGINT AUTO_INCREMENT PRIMARY KEY, v VARCHAR)");
        }
        Thread.ofPlatform().daemon().start(() -> {
            try (Connection c = storage.dataSource().getConnection(); Statement s = c.createStatement()) {
                while (true) {
                    s.execute("INSERT INTO kill_probe_small (v) VALUES ('check-in')");
                    Thread.sleep(3);
                }
            } catch (Exception e) {
                e.printStackTrace();
            }
        });
        System.out.println("STORING");
        System.out.flush();
        try (Connection c = storage.dataSource().getConnection()) {
            long pos;
            try (Statement s = c.createStatement(); var rs = s.executeQuery("SELECT COALESCE(MAX(pos) + 1, 0) FROM kill_probe")) {
                rs.next();
                pos = rs.getLong(1);
            }
            c.setAutoCommit(false);
            try (PreparedStatement st = c.prepareStatement("INSERT INTO kill_probe VALUES (?, ?, ?, 'x')")) {
                while (true) {
                    for (int i = 0; i < ROWS; i++) {
                        st.setLong(1, pos++);
                        st.setObject(2, UUID.randomUUID());
                        st.setObject(3, UUID.randomUUID());
                        st.addBatch();
                        if (i % 2_000 == 1_999) {
                            st.executeBatch();
                        }
                    }
                    c.commit();
                }
            }
        }
    }
}
