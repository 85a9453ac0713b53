package io.latchkey.e2e;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.latchkey.core.action.ActionSubmission;
import io.latchkey.core.action.Command;
import io.latchkey.core.action.CommandOutbox;
import io.latchkey.core.action.RemoteActions;
import io.latchkey.core.action.RevealedSecret;
import io.latchkey.core.action.Submitted;
import io.latchkey.core.audit.Actor;
import io.latchkey.core.audit.AuditEvent;
import io.latchkey.core.capability.Action;
import io.latchkey.core.capability.SecretKind;
import io.latchkey.core.inventory.AndroidMode;
import io.latchkey.core.inventory.ChannelState;
import io.latchkey.core.inventory.Device;
import io.latchkey.core.inventory.DeviceFilter;
import io.latchkey.core.inventory.ManagementChannel;
import io.latchkey.core.inventory.Ownership;
import io.latchkey.core.inventory.Platform;
import io.latchkey.core.inventory.User;
import io.latchkey.core.secret.AesGcmSealer;
import io.latchkey.store.jdbc.JdbcStorage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A temporary passcode goes the whole way — channel result, sealed storage in the embedded
 * database file, audited reveal — and its plaintext is never in the database files nor in any
 * log line, even with every logger at TRACE.
 */
class SecretAtRestTest {
    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sqlite", "h2"})
    void temporaryPasscodeIsSealedInTheDatabaseFileAndNeverLogged(String engine) throws Exception {
        String passcode = "5" + String.format("%08d", new SecureRandom().nextInt(100_000_000)); // 9 digits, unlikely elsewhere
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        LoggerContext logs = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = logs.getLogger(Logger.ROOT_LOGGER_NAME);
        Level before = root.getLevel();
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        root.addAppender(captured);
        root.setLevel(Level.TRACE);
        Path dbDir = tmp.resolve("db");
        UUID commandId;
        try (JdbcStorage storage = JdbcStorage.open(engine.equals("h2") ? TestDatabases.h2(dbDir) : TestDatabases.embedded(dbDir))) {
            storage.migrate();
            UUID user = UUID.randomUUID();
            Device phone = new Device(UUID.randomUUID(), "enterprises/e/devices/d1", "Pixel", Platform.ANDROID, "14",
                    "Pixel 8", "SN1", ManagementChannel.MDM, Ownership.COMPANY, user, user, Instant.now(), null,
                    new ChannelState(false, AndroidMode.FULLY_MANAGED, false, null));
            storage.imports().storeAll(List.of(new User(user, "ana@contoso.fr", "Ana")), List.of(phone));
            AesGcmSealer sealer = new AesGcmSealer(key);
            RemoteActions actions = new RemoteActions(storage.devices(), storage.groups(), storage.requests(),
                    storage.transitions(), storage.audit(), sealer, () -> { }, Clock.systemUTC(), Duration.ofDays(1));
            Submitted s = actions.submit(new ActionSubmission(Action.PASSCODE_RESET, DeviceFilter.ids(List.of(phone.id())),
                    Map.of(), null, null), new Actor("alice", "10.1.2.3"));
            CommandOutbox outbox = new CommandOutbox(storage.queue(), storage.transitions(), sealer, Clock.systemUTC());
            Command sent = outbox.deliver(phone.id(), 10, "android").getFirst();
            assertThat(outbox.succeededWithSecret(sent.id(), SecretKind.TEMPORARY_PASSCODE, passcode, "android")).isTrue();
            commandId = sent.id();

            RevealedSecret revealed = actions.reveal(commandId, new Actor("alice", "10.1.2.3"));
            assertThat(revealed.value()).isEqualTo(passcode);
            assertThat(revealed.toString()).doesNotContain(passcode);
            assertThat(storage.audit().page(null, 10).items()).extracting(AuditEvent::action)
                    .contains("secret.reveal", "action.submit");
            assertThat(s.request().deviceCount()).isEqualTo(1);
        } finally {
            root.detachAppender(captured);
            root.setLevel(before);
        }

        try (Stream<Path> files = Files.walk(dbDir)) {
            List<Path> all = files.filter(Files::isRegularFile).toList();
            assertThat(all).isNotEmpty();
            // Control: the scan does see stored text (the device's external id is stored in clear).
            byte[] control = "enterprises/e/devices/d1".getBytes(StandardCharsets.UTF_8);
            assertThat(all).anySatisfy(f -> assertThat(indexOf(Files.readAllBytes(f), control)).isNotEqualTo(-1));
            for (Path f : all) {
                byte[] bytes = Files.readAllBytes(f);
                assertThat(indexOf(bytes, passcode.getBytes(StandardCharsets.UTF_8))).as(f.toString()).isEqualTo(-1);
                assertThat(indexOf(bytes, passcode.getBytes(StandardCharsets.UTF_16BE))).as(f.toString()).isEqualTo(-1);
            }
        }
        assertThat(captured.list).isNotEmpty();
        assertThat(captured.list).allSatisfy(e -> assertThat(e.getFormattedMessage()).doesNotContain(passcode));
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
