package io.latchkey.e2e;

import io.latchkey.bench.Fleet;
import io.latchkey.core.action.ActionSubmission;
import io.latchkey.core.action.Command;
import io.latchkey.core.action.CommandEvent;
import io.latchkey.core.action.CommandState;
import io.latchkey.core.action.RemoteActions;
import io.latchkey.core.action.Submitted;
import io.latchkey.core.audit.Actor;
import io.latchkey.core.capability.Action;
import io.latchkey.core.inventory.BuiltInGroup;
import io.latchkey.core.inventory.DeviceFilter;
import io.latchkey.core.inventory.Page;
import io.latchkey.core.secret.AesGcmSealer;
import io.latchkey.store.jdbc.JdbcStorage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kills the process that hands commands out (SIGKILL, mid-batch), restarts it, and checks that
 * every command was delivered and answered exactly once: no command lost, none sent twice, the
 * only repeated wake-ups being those of the batch in flight at the kill.
 */
class HandOutCrashTest {
    private static final int DEVICES = 10_000;

    @TempDir
    Path tmp;

    @Test
    void embeddedSqlite() throws Exception {
        run(TestDatabases.embedded(tmp.resolve("db")));
    }

    @Test
    void postgresql() throws Exception {
        run(TestDatabases.postgres());
    }

    private void run(JdbcStorage.Settings settings) throws Exception {
        UUID requestId;
        int supported;
        try (JdbcStorage storage = JdbcStorage.open(settings)) {
            storage.migrate();
            Fleet.store(storage.imports(), DEVICES, 42);
            RemoteActions actions = new RemoteActions(storage.devices(), storage.groups(), storage.requests(),
                    storage.transitions(), storage.audit(), new AesGcmSealer(new byte[32]), () -> { },
                    Clock.systemUTC(), Duration.ofDays(1));
            Submitted s = actions.submit(new ActionSubmission(Action.REMOTE_LOCK,
                    DeviceFilter.group(BuiltInGroup.ALL_DEVICES.id()), Map.of(), null, null), new Actor("test", "test"));
            requestId = s.request().id();
            supported = s.request().deviceCount() - s.request().notSupported();
        }
        Path log = tmp.resolve("handed.log");
        List<String> args = List.of(settings.jdbcUrl(), settings.user(), settings.password(), log.toString(),
                requestId.toString());

        try (ChildProcess first = ChildProcess.java(HandOutTarget.class, List.of("-Xmx256m"), args, tmp)) {
            first.await(line -> line.equals("batch 5"), Duration.ofMinutes(3));
            first.kill();
        }
        try (JdbcStorage storage = JdbcStorage.open(settings)) {
            long done = storage.history().countByState(requestId).getOrDefault(CommandState.SUCCEEDED, 0L);
            assertThat(done).as("killed part-way").isBetween(1L, (long) supported - 1);
        }
        try (ChildProcess second = ChildProcess.java(HandOutTarget.class, List.of("-Xmx256m"), args, tmp)) {
            second.await(line -> line.equals("done"), Duration.ofMinutes(5));
            assertThat(second.waitFor(Duration.ofMinutes(1))).isZero();
        }

        try (JdbcStorage storage = JdbcStorage.open(settings)) {
            Map<CommandState, Long> counts = storage.history().countByState(requestId);
            assertThat(counts.getOrDefault(CommandState.SUCCEEDED, 0L)).isEqualTo(supported);
            assertThat(counts.getOrDefault(CommandState.PENDING, 0L)).isZero();
            assertThat(counts.getOrDefault(CommandState.SENT, 0L)).isZero();
            Set<UUID> succeeded = new HashSet<>();
            String cursor = null;
            do {
                Page<Command> page = storage.history().ofRequest(requestId, CommandState.SUCCEEDED, cursor, 1000);
                for (Command c : page.items()) {
                    succeeded.add(c.id());
                    List<CommandEvent> events = storage.history().events(c.id());
                    assertThat(events).extracting(CommandEvent::to).as("history of %s", c.id())
                            .containsExactly(CommandState.SENT, CommandState.SUCCEEDED);
                }
                cursor = page.nextCursor();
            } while (cursor != null);
            assertThat(succeeded).hasSize(supported);

            Map<UUID, Integer> handed = new HashMap<>();
            for (String line : Files.readAllLines(log)) {
                handed.merge(UUID.fromString(line), 1, Integer::sum);
            }
            assertThat(handed.keySet()).isEqualTo(succeeded);
            long repeated = handed.values().stream().filter(n -> n > 1).count();
            assertThat(repeated).as("only the batch in flight at the kill is woken twice").isLessThanOrEqualTo(200);
        }
    }
}
