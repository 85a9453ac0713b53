package io.latchkey.store.jdbc;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * the storage contract on embedded SQLite, in a fresh temporary directory
 * (docs/sqlite.md), plus what only SQLite needs checked: the pragmas from the URL reach every
 * pooled connection, LIKE compares case as on H2 and PostgreSQL, and the SQL rewrites.
 */
class SqliteStorageTest extends StorageContract {
    @Override
    protected TestDatabases.Database openDatabase() {
        return TestDatabases.sqlite();
    }

    @Test
    void everyPooledConnectionHasTheDurabilityAndLockingPragmas() throws SQLException {
        try (Connection c = storage().dataSource().getConnection(); Statement st = c.createStatement()) {
            assertThat(pragma(st, "journal_mode")).isEqualTo("wal");
            assertThat(pragma(st, "synchronous")).isEqualTo("1"); // NORMAL
            assertThat(pragma(st, "foreign_keys")).isEqualTo("1");
            assertThat(pragma(st, "busy_timeout")).isEqualTo("20000");
            assertThat(pragma(st, "journal_size_limit")).isEqualTo(String.valueOf(64L << 20));
        }
    }

    /**
     * After one large transaction the WAL goes back to journal_size_limit once it restarts, not stays
     * large (with -1, no limit, it stays at the 4 MB this transaction made it).
     */
    @Test
    void theWriteAheadLogShrinksBackAfterALargeTransaction() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("latchkey-sqlite-wal-");
        long limit = 256 * 1024;
        String url = JdbcStorage.sqliteFileUrl(dir) + "&journal_size_limit=" + limit;
        java.nio.file.Path wal = dir.resolve(JdbcStorage.SQLITE_FILE_NAME + "-wal");
        try (JdbcStorage store = JdbcStorage.open(new JdbcStorage.Settings(url, "", "", 2))) {
            store.migrate();
            java.util.List<io.latchkey.core.inventory.Device> many = new java.util.ArrayList<>();
            for (int i = 0; i < 5_000; i++) {
                many.add(Fixtures.device("WAL-" + i));
            }
            store.imports().storeAll(java.util.List.of(), many);
            long grown = java.nio.file.Files.size(wal);
            assertThat(grown).as("one transaction of 5,000 devices").isGreaterThan(4 * limit);

            // The automatic checkpoint after that commit copied it to the database; the next writers restart
            // the log at its start and cut the file back.
            for (int i = 0; i < 3; i++) {
                store.imports().storeAll(java.util.List.of(), java.util.List.of(Fixtures.device("AFTER-" + i)));
            }
            assertThat(java.nio.file.Files.size(wal)).as("WAL after it restarted (was " + grown + " bytes)")
                    .isLessThanOrEqualTo(limit);
        } finally {
            TestDatabases.deleteTree(dir);
        }
    }

    @Test
    void likeIsCaseSensitiveAsOnTheOtherDatabases() throws SQLException {
        try (Connection c = storage().dataSource().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT 'Device.Lock' LIKE 'device.%', 'Device.Lock' LIKE 'Device.%'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isZero();
            assertThat(rs.getInt(2)).isOne();
        }
    }

    @Test
    void membershipIsJsonEachAndRowLocksAreLeftToTheImmediateTransaction() {
        assertThat(Dialect.SQLITE.anyOf("d.id", "ids")).isEqualTo("d.id IN (SELECT value FROM json_each(:ids))");
        assertThat(Dialect.SQLITE.forUpdate()).isEmpty();
        assertThat(Dialect.POSTGRESQL.anyOf("d.id", "ids")).isEqualTo("d.id = ANY(:ids)");
        assertThat(Dialect.H2.forUpdate()).isEqualTo(" FOR UPDATE");
    }

    @Test
    void instantsAreMicrosecondsSinceTheEpochBothWays() {
        java.time.Instant t = java.time.Instant.parse("1969-12-31T23:59:59.999999Z");
        assertThat(SqlValues.micros(t)).isEqualTo(-1L);
        assertThat(SqlValues.ofMicros(-1L)).isEqualTo(t);
        assertThat(SqlValues.ofMicros(SqlValues.micros(java.time.Instant.parse("2026-03-01T10:00:01.123456Z"))))
                .isEqualTo(java.time.Instant.parse("2026-03-01T10:00:01.123456Z"));
    }

    @Test
    void aUrlOfItsOwnGetsThePragmasTheStoreNeedsAndMayTuneOnlyTheOthers() {
        var plain = SqliteConnections.config("jdbc:sqlite:/x/db.sqlite").toProperties();
        assertThat(plain.getProperty("journal_mode")).isEqualTo("WAL");
        assertThat(plain.getProperty("foreign_keys")).isEqualTo("true");
        assertThat(plain.getProperty("transaction_mode")).isEqualTo("IMMEDIATE");
        assertThat(plain.getProperty("synchronous")).isEqualTo("NORMAL");
        var tuned = SqliteConnections.config("jdbc:sqlite:/x/db.sqlite?synchronous=FULL&busy_timeout=60000")
                .toProperties();
        assertThat(tuned.getProperty("synchronous")).isEqualTo("FULL");
        assertThat(tuned.getProperty("busy_timeout")).isEqualTo("60000");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> SqliteConnections.config("jdbc:sqlite:/x/db.sqlite?transaction_mode=DEFERRED"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs transaction_mode=IMMEDIATE");
    }

    /**
     * Ids are text on SQLite; a column declared UUID would get NUMERIC affinity, and a join of it
     * with a TEXT id (device_identity.device_id = device.id) cannot use the index: the check-in
     * look-up scanned the device and command tables (30 ms at 90,000 commands, found by the
     * full-size kill -9 run). Every UUID column must be declared TEXT, and the look-up must search.
     */
    @Test
    void idColumnsAreTextSoJoinsUseTheirIndexes() throws SQLException {
        try (Connection c = storage().dataSource().getConnection(); Statement st = c.createStatement()) {
            java.util.List<String> tables = new java.util.ArrayList<>();
            try (ResultSet rs = st.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            java.util.List<String> numericIds = new java.util.ArrayList<>();
            for (String table : tables) {
                try (ResultSet rs = st.executeQuery("PRAGMA table_info(" + table + ")")) {
                    while (rs.next()) {
                        if (rs.getString("type").equalsIgnoreCase("UUID")) {
                            numericIds.add(table + "." + rs.getString("name"));
                        }
                    }
                }
            }
            assertThat(numericIds).isEmpty();
            java.util.List<String> plan = new java.util.ArrayList<>();
            try (ResultSet rs = st.executeQuery("EXPLAIN QUERY PLAN SELECT d.id, EXISTS (SELECT 1 FROM command c"
                    + " WHERE c.device_id = i.device_id AND c.state IN ('PENDING', 'SENT')) FROM device_identity i"
                    + " LEFT JOIN device d ON d.id = i.device_id WHERE i.fingerprint = 'f'")) {
                while (rs.next()) {
                    plan.add(rs.getString("detail"));
                }
            }
            assertThat(plan).as(plan.toString()).noneMatch(step -> step.startsWith("SCAN"));
        }
    }

    @Test
    void aSecondStorageOnTheSameFileIsRefused() {
        String url = ((org.sqlite.SQLiteDataSource) ((com.zaxxer.hikari.HikariDataSource) storage().dataSource())
                .getDataSource()).getUrl();
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> JdbcStorage.open(new JdbcStorage.Settings(url, "", "", 1)).close())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("another Latchkey process");
        String file = url.substring("jdbc:sqlite:".length(), url.indexOf('?') < 0 ? url.length() : url.indexOf('?'));
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> JdbcStorage.open(new JdbcStorage.Settings("jdbc:sqlite:file://" + file, "", "", 1)).close())
                .as("the URI filename form names the same file")
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("another Latchkey process");
    }

    /**
     * The walk must not hold SQLite's one write lock: with it, the append (another thread, so another
     * connection) waits out busy_timeout and fails with SQLITE_BUSY.
     */
    @Test
    void anAppendFromAnotherThreadProceedsWhileTheAuditChainIsWalked() {
        storage().audit().append(event(0));
        java.util.List<Long> seen = new java.util.ArrayList<>();
        storage().auditChain().forEach(link -> {
            seen.add(link.number());
            java.util.concurrent.CompletableFuture.runAsync(() -> storage().audit().append(event(seen.size()))).join();
        });
        assertThat(seen).containsExactly(1L);
        assertThat(storage().auditChain().verify().entries()).isEqualTo(2);
    }

    /**
     * A write outside a transaction waits for a transaction of the same process in the JVM
     * (SqliteWriterQueue), not in SQLite's busy handler: with busy_timeout at 100 ms, an insert
     * issued while another thread's transaction stays open for 400 ms still succeeds once it commits.
     * Left to SQLite, the insert failed with SQLITE_BUSY after 100 ms; under enrollment load such
     * waits starved writers past the default 20 s (a faults run lost two enrollments that way).
     */
    @Test
    void aWriteOutsideATransactionQueuesBehindOneInProgress() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("latchkey-sqlite-queue-");
        String url = JdbcStorage.sqliteFileUrl(dir).replace("busy_timeout=20000", "busy_timeout=100");
        try (JdbcStorage s = JdbcStorage.open(new JdbcStorage.Settings(url, "", "", 4))) {
            s.migrate();
            java.util.UUID user = java.util.UUID.randomUUID();
            s.imports().storeAll(java.util.List.of(new io.latchkey.core.inventory.User(user, "q@example.com", "Q")),
                    java.util.List.of());
            java.util.concurrent.CountDownLatch open = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.CountDownLatch never = new java.util.concurrent.CountDownLatch(1);
            var longTransaction = java.util.concurrent.CompletableFuture.runAsync(() -> {
                try {
                    s.jdbi().useTransaction(h -> {
                        h.createUpdate("UPDATE user_account SET display_name = 'Q2' WHERE id = :id").bind("id", user)
                                .execute();
                        open.countDown();
                        assertThat(never.await(400, java.util.concurrent.TimeUnit.MILLISECONDS)).isFalse();
                    });
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            open.await();
            java.time.Instant now = java.time.Instant.now();
            s.enrollmentCodes().save(new io.latchkey.core.enrollment.EnrollmentCode("queued", user,
                    io.latchkey.core.action.ChannelKind.APPLE_MDM, now, now.plusSeconds(600), null));
            longTransaction.join();
            assertThat(s.enrollmentCodes().redeem("queued", io.latchkey.core.action.ChannelKind.APPLE_MDM, now))
                    .contains(user);
        } finally {
            TestDatabases.deleteTree(dir);
        }
    }

    /** SQLite's own lower() folds ASCII only; the pool's connections replace it (SqliteConnections). */
    @Test
    void searchFoldsCaseBeyondAscii() {
        io.latchkey.core.inventory.Device byModel = new io.latchkey.core.inventory.Device(java.util.UUID.randomUUID(),
                null, "plain", io.latchkey.core.inventory.Platform.MACOS, "14.1", "ÉCRAN Pro", "C02",
                io.latchkey.core.inventory.ManagementChannel.MDM, io.latchkey.core.inventory.Ownership.COMPANY, null,
                null, Fixtures.at(0), null, null);
        storage().devices().save(byModel);
        assertThat(storage().devices().select(new io.latchkey.core.inventory.DeviceFilter(null, null, null, null, null,
                "écran"))).extracting(io.latchkey.core.inventory.Device::name).containsExactly("plain");
    }

    private static io.latchkey.core.audit.AuditEvent event(int i) {
        return new io.latchkey.core.audit.AuditEvent(java.util.UUID.randomUUID(),
                java.time.Instant.parse("2026-11-27T10:00:00Z").plusSeconds(i), "admin", "test", "audit.walk",
                null, null, "event " + i);
    }

    private static String pragma(Statement st, String name) throws SQLException {
        try (ResultSet rs = st.executeQuery("PRAGMA " + name)) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }
}
