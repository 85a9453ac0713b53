package io.latchkey.server.cli;

import io.latchkey.core.action.ActionRequest;
import io.latchkey.core.action.ActionSubmission;
import io.latchkey.core.action.Command;
import io.latchkey.core.action.CommandOutbox;
import io.latchkey.core.action.RemoteActions;
import io.latchkey.core.action.Submitted;
import io.latchkey.core.audit.Actor;
import io.latchkey.core.audit.AuditChain;
import io.latchkey.core.capability.Action;
import io.latchkey.core.capability.SecretKind;
import io.latchkey.core.inventory.AndroidMode;
import io.latchkey.core.inventory.ChannelState;
import io.latchkey.core.inventory.Device;
import io.latchkey.core.inventory.DeviceFilter;
import io.latchkey.core.inventory.DeviceSort;
import io.latchkey.core.inventory.ManagementChannel;
import io.latchkey.core.inventory.Ownership;
import io.latchkey.core.inventory.Platform;
import io.latchkey.core.inventory.User;
import io.latchkey.core.secret.AesGcmSealer;
import io.latchkey.server.demo.DemoSeeder;
import io.latchkey.store.jdbc.JdbcStorage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An installation from before SQLite: its H2 database, with a fleet, a request, a sealed passcode
 * and an audit log, copied by {@code latchkey copy-database}; afterwards the data directory opens
 * as SQLite with all of it, and the H2 file is untouched.
 */
class CopyDatabaseCommandTest {
    @TempDir
    Path dir;

    @Test
    void an_earlier_h2_data_directory_is_copied_whole_into_sqlite() throws Exception {
        Path data = dir.resolve("data");
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        AesGcmSealer sealer = new AesGcmSealer(key);
        Actor alice = new Actor("alice", "10.1.2.3");
        UUID phone = UUID.randomUUID();
        UUID requestId;
        UUID passcodeCommand;
        long devices;
        AuditChain.Verification original;
        try (JdbcStorage h2 = JdbcStorage.open(new JdbcStorage.Settings(JdbcStorage.h2FileUrl(data), "sa", "", 2))) {
            h2.migrate();
            new DemoSeeder(h2.devices(), h2.groups(), h2.imports(), h2.audit(), Clock.systemUTC()).seedOnce();
            UUID user = UUID.randomUUID();
            h2.imports().storeAll(List.of(new User(user, "ana@contoso.fr", "Ana")), List.of(new Device(phone,
                    "enterprises/e/devices/copy", "Pixel", Platform.ANDROID, "14", "Pixel 8", "SN-COPY",
                    ManagementChannel.MDM, Ownership.COMPANY, user, user, Instant.now(), null,
                    new ChannelState(false, AndroidMode.FULLY_MANAGED, false, null))));
            RemoteActions actions = actions(h2, sealer);
            Submitted lock = actions.submit(new ActionSubmission(Action.REMOTE_LOCK, DeviceFilter.ALL, Map.of(), null,
                    null), alice);
            requestId = lock.request().id();
            actions.submit(new ActionSubmission(Action.PASSCODE_RESET, DeviceFilter.ids(List.of(phone)), Map.of(),
                    null, null), alice);
            CommandOutbox outbox = new CommandOutbox(h2.queue(), h2.transitions(), sealer, Clock.systemUTC());
            Command sent = outbox.deliver(phone, 10, "android").stream()
                    .filter(c -> c.action() == Action.PASSCODE_RESET).findFirst().orElseThrow();
            assertThat(outbox.succeededWithSecret(sent.id(), SecretKind.TEMPORARY_PASSCODE, "48151623", "android"))
                    .isTrue();
            passcodeCommand = sent.id();
            devices = h2.devices().count(DeviceFilter.ALL);
            original = h2.auditChain().verify();
        }

        CliRun copy = CliRun.of("copy-database", "--data-dir", data.toString());

        assertThat(copy.code()).as(copy.err()).isZero();
        assertThat(copy.out()).contains("device", "command_secret", "audit log intact",
                String.format("%,d entries", original.entries()), original.headHash());
        try (JdbcStorage h2 = JdbcStorage.open(new JdbcStorage.Settings(JdbcStorage.h2FileUrl(data), "sa", "", 2))) {
            assertThat(h2.auditChain().verify()).as("the H2 database is left as it was").isEqualTo(original);
            assertThat(h2.devices().count(DeviceFilter.ALL)).isEqualTo(devices);
        }
        try (JdbcStorage sqlite = JdbcStorage.open(new JdbcStorage.Settings(JdbcStorage.sqliteFileUrl(data), "", "",
                2))) {
            sqlite.migrate();
            assertThat(sqlite.devices().count(DeviceFilter.ALL)).isEqualTo(devices);
            assertThat(sqlite.devices().page(DeviceFilter.ALL, DeviceSort.NAME, null, 5).items()).hasSize(5);
            ActionRequest request = sqlite.requests().find(requestId).orElseThrow();
            assertThat(request.deviceCount()).isPositive();
            assertThat(sqlite.history().ofRequest(requestId, null, null, 10_000).items())
                    .hasSize(request.deviceCount());
            assertThat(actions(sqlite, sealer).reveal(passcodeCommand, alice).value())
                    .as("the sealed passcode opens with the same key").isEqualTo("48151623");
            AuditChain.Verification copied = sqlite.auditChain().verify();
            assertThat(copied.intact()).isTrue();
            assertThat(copied.headHash()).isNotEqualTo(original.headHash()).as("the reveal was appended");
        }

        CliRun again = CliRun.of("copy-database", "--data-dir", data.toString());
        assertThat(again.code()).isEqualTo(2);
        assertThat(again.err()).contains("exists already");
    }

    @Test
    void a_copy_that_fails_leaves_no_sqlite_file_so_the_next_start_still_opens_h2() throws Exception {
        Path data = dir.resolve("odd");
        try (JdbcStorage h2 = JdbcStorage.open(new JdbcStorage.Settings(JdbcStorage.h2FileUrl(data), "sa", "", 2))) {
            h2.migrate();
            new DemoSeeder(h2.devices(), h2.groups(), h2.imports(), h2.audit(), Clock.systemUTC()).seedOnce();
            try (var c = h2.dataSource().getConnection(); var st = c.createStatement()) {
                st.execute("ALTER TABLE device ADD COLUMN local_note VARCHAR(20)"); // a hand-made change
            }
        }

        CliRun copy = CliRun.of("copy-database", "--data-dir", data.toString());

        assertThat(copy.code()).isEqualTo(1);
        assertThat(copy.err()).contains("table device differs", "only in H2: [local_note]");
        try (var files = java.nio.file.Files.list(data)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("latchkey.sqlite"));
        }
        assertThat(io.latchkey.server.config.SettingsLoader.load(
                Map.of(io.latchkey.server.config.Option.DATA_DIR, data.toString()), null, Map.of()).databaseUrl())
                .startsWith("jdbc:h2:file:");
    }

    @Test
    void without_an_h2_database_there_is_nothing_to_copy() {
        CliRun r = CliRun.of("copy-database", "--data-dir", dir.resolve("empty").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("no H2 database");
        assertThat(dir.resolve("empty").resolve(JdbcStorage.SQLITE_FILE_NAME)).doesNotExist();
    }

    private static RemoteActions actions(JdbcStorage storage, AesGcmSealer sealer) {
        return new RemoteActions(storage.devices(), storage.groups(), storage.requests(), storage.transitions(),
                storage.audit(), sealer, () -> { }, Clock.systemUTC(), Duration.ofDays(1));
    }
}
