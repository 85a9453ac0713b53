package io.latchkey.server.cli;

import io.latchkey.core.action.ActionSubmission;
import io.latchkey.core.action.RemoteActions;
import io.latchkey.core.audit.Actor;
import io.latchkey.core.audit.AuditChain;
import io.latchkey.core.capability.Action;
import io.latchkey.core.inventory.DeviceFilter;
import io.latchkey.core.secret.AesGcmSealer;
import io.latchkey.server.demo.DemoSeeder;
import io.latchkey.store.jdbc.JdbcStorage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code latchkey backup}: taken while the database is open and being written (here by this JVM,
 * holding the process lock as a running server does), the copy is one consistent state that opens
 * as a data directory of its own; a file is never overwritten; H2 and PostgreSQL are refused with
 * what to do instead.
 */
class BackupCommandTest {
    @TempDir
    Path dir;

    @Test
    void a_backup_taken_while_the_server_writes_opens_whole() throws Exception {
        Path data = dir.resolve("data");
        Path target = dir.resolve("latchkey-backup.sqlite");
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger requests = new AtomicInteger();
        int before;
        int after;
        long devices;
        try (JdbcStorage live = JdbcStorage.open(new JdbcStorage.Settings(JdbcStorage.sqliteFileUrl(data), "", "", 4))) {
            live.migrate();
            new DemoSeeder(live.devices(), live.groups(), live.imports(), live.audit(), Clock.systemUTC()).seedOnce();
            devices = live.devices().count(DeviceFilter.ALL);
            RemoteActions actions = new RemoteActions(live.devices(), live.groups(), live.requests(),
                    live.transitions(), live.audit(), new AesGcmSealer(new byte[32]), () -> { }, Clock.systemUTC(),
                    Duration.ofDays(1));
            Thread writer = Thread.ofVirtual().start(() -> {
                while (writing.get()) {
                    actions.submit(new ActionSubmission(Action.REMOTE_LOCK, DeviceFilter.ALL, Map.of(), null, null),
                            new Actor("alice", "10.0.0.1"));
                    requests.incrementAndGet();
                }
            });
            while (requests.get() < 3) {
                Thread.onSpinWait();
            }
            before = requests.get();

            CliRun backup = CliRun.of("backup", "--data-dir", data.toString(), target.toString());

            after = requests.get();
            writing.set(false);
            writer.join();
            assertThat(backup.code()).as(backup.err()).isZero();
            assertThat(backup.out()).contains("device", "audit_event", "integrity checked", target.toString());
            assertThat(after).as("the server kept writing during the backup").isGreaterThan(before);
        }

        Path restored = Files.createDirectories(dir.resolve("restored"));
        Files.copy(target, restored.resolve(JdbcStorage.SQLITE_FILE_NAME));
        try (JdbcStorage copy = JdbcStorage.open(new JdbcStorage.Settings(JdbcStorage.sqliteFileUrl(restored), "", "",
                2))) {
            copy.migrate();
            assertThat(copy.devices().count(DeviceFilter.ALL)).isEqualTo(devices);
            int stored = copy.requests().page(null, 1_000).items().size();
            assertThat(stored).as("the requests stored when the copy began, or after").isBetween(before, after);
            AuditChain.Verification audit = copy.auditChain().verify();
            assertThat(audit.intact()).as("one consistent state: the audit chain verifies").isTrue();
        }

        byte[] kept = Files.readAllBytes(target);
        CliRun again = CliRun.of("backup", "--data-dir", data.toString(), target.toString());
        assertThat(again.code()).isEqualTo(2);
        assertThat(again.err()).contains("exists already");
        assertThat(Files.readAllBytes(target)).as("never overwritten").isEqualTo(kept);
    }

    @Test
    void h2_and_postgresql_are_refused_with_what_to_do_instead() throws Exception {
        Path h2Dir = dir.resolve("h2");
        try (JdbcStorage h2 = JdbcStorage.open(new JdbcStorage.Settings(JdbcStorage.h2FileUrl(h2Dir), "sa", "", 2))) {
            h2.migrate();
        }
        CliRun h2 = CliRun.of("backup", "--data-dir", h2Dir.toString(), dir.resolve("b1").toString());
        assertThat(h2.code()).isEqualTo(2);
        assertThat(h2.err()).contains("H2", "copy-database");

        CliRun pg = CliRun.of("backup", "--data-dir", dir.resolve("pg").toString(), "--database-url",
                "jdbc:postgresql://127.0.0.1:5432/latchkey", "--secret-key",
                java.util.Base64.getEncoder().encodeToString(new byte[32]), dir.resolve("b2").toString());
        assertThat(pg.code()).isEqualTo(2);
        assertThat(pg.err()).contains("pg_dump");

        CliRun none = CliRun.of("backup", "--data-dir", dir.resolve("nothing").toString(), dir.resolve("b3").toString());
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.err()).contains("no SQLite database file");
        assertThat(dir.resolve("b1")).doesNotExist();
        assertThat(dir.resolve("b3")).doesNotExist();
    }
}
