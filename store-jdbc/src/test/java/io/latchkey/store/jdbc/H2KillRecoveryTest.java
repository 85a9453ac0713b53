package io.latchkey.store.jdbc;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIGKILL while H2 commits large transactions, trial after trial: each time the database opens
 * again every transaction is whole (all its rows, or none) and its rows can be changed. Without
 * {@link H2Recovery} such kills leave some torn (some rows visible, the rest hidden and locked by a
 * transaction that never ends): with the compaction switched off, trial 7 of this test found 1,288 rows
 * of a 20,000-row transaction.
 */
class H2KillRecoveryTest {
    private static final int TRIALS = 10;

    @TempDir
    Path dir;

    @Test
    void everyRequestIsWholeAfterEachKill() throws Exception {
        Random random = new Random(7);
        for (int trial = 0; trial < TRIALS; trial++) {
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), H2KillChild.class.getName(), dir.toString())
                    .redirectErrorStream(true).start();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream()))) {
                String line;
                while ((line = out.readLine()) != null && !line.equals("STORING")) {
                    // migrations, logging
                }
                assertThat(line).as("the child started storing").isEqualTo("STORING");
                Thread.sleep(1_100 + random.nextInt(800));
                child.destroyForcibly(); // SIGKILL
                assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(H2Recovery.marker(JdbcStorage.h2FileUrl(dir)).map(Files::exists)).contains(true);

            try (JdbcStorage storage = JdbcStorage.open(new JdbcStorage.Settings(JdbcStorage.h2FileUrl(dir), "sa", "", 2))) {
                try (Connection c = storage.dataSource().getConnection(); Statement s = c.createStatement()) {
                    long rows;
                    try (var rs = s.executeQuery("SELECT COUNT(*) FROM kill_probe")) {
                        rs.next();
                        rows = rs.getLong(1);
                    }
                    assertThat(rows % H2KillChild.ROWS).as("trial %d: %d rows, not whole transactions", trial, rows)
                            .isZero();
                    s.execute("SET LOCK_TIMEOUT 5000");
                    s.executeUpdate("UPDATE kill_probe SET detail = 'checked' WHERE pos >= " + Math.max(0, rows - 2 * H2KillChild.ROWS));
                }
            }
            assertThat(H2Recovery.marker(JdbcStorage.h2FileUrl(dir)).map(Files::exists)).contains(false);
        }
    }

    @Test
    void aSecondStorageOnTheSameDatabaseInThisProcessNeitherCompactsNorClosesItUnderTheFirst() throws Exception {
        JdbcStorage.Settings settings = new JdbcStorage.Settings(JdbcStorage.h2FileUrl(dir), "sa", "", 2);
        try (JdbcStorage first = JdbcStorage.open(settings)) {
            first.migrate();
            try (JdbcStorage second = JdbcStorage.open(settings)) {
                assertThat(second.ready()).isTrue();
            }
            assertThat(first.ready()).isTrue();
            assertThat(H2Recovery.marker(settings.jdbcUrl()).map(Files::exists)).contains(true);
        }
        assertThat(H2Recovery.marker(settings.jdbcUrl()).map(Files::exists)).contains(false);
    }
}
