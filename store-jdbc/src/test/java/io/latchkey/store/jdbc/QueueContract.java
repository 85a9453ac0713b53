package io.latchkey.store.jdbc;

import io.latchkey.core.action.ActionRequest;
import io.latchkey.core.action.ChannelKind;
import io.latchkey.core.action.Command;
import io.latchkey.core.action.CommandState;
import io.latchkey.core.action.Transition;
import io.latchkey.core.inventory.Page;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.latchkey.core.action.CommandState.PENDING;
import static io.latchkey.core.action.CommandState.SENT;
import static io.latchkey.store.jdbc.Fixtures.at;
import static org.assertj.core.api.Assertions.assertThat;

/** The check-in queue (dueFor, by device) and the wake-up leases (claimWakeups / wakeupsDone). */
public interface QueueContract extends StorageFixture {

    /** One request per call, one command for {@code deviceId}, created at {@code t}. */
    default Command commandFor(UUID deviceId, long t, ChannelKind channel, CommandState state) {
        Fixtures.Submission s = Fixtures.request("admin", null, List.of(deviceId), at(t));
        Command c = Fixtures.withState(s.commands().get(0), state, channel, at(t + 10_000));
        storage().requests().create(s.request(), List.of(c), s.event());
        return c;
    }

    @Test
    default void dueForHandsOutPendingAndSentCommandsOldestFirst() {
        UUID device = UUID.randomUUID();
        Command sentLater = commandFor(device, 3, ChannelKind.APPLE_MDM, PENDING);
        Command pendingFirst = commandFor(device, 1, ChannelKind.APPLE_MDM, PENDING);
        Command acked = commandFor(device, 2, ChannelKind.APPLE_MDM, PENDING);
        Command refused = commandFor(device, 0, null, CommandState.NOT_SUPPORTED);
        commandFor(UUID.randomUUID(), 0, ChannelKind.APPLE_MDM, PENDING);
        apply(sentLater, PENDING, SENT);
        apply(acked, PENDING, SENT);
        apply(acked, SENT, CommandState.ACKNOWLEDGED);
        assertThat(storage().queue().dueFor(device, 10)).extracting(Command::id)
                .containsExactly(pendingFirst.id(), sentLater.id());
        assertThat(storage().queue().dueFor(device, 1)).extracting(Command::id).containsExactly(pendingFirst.id());
        assertThat(storage().queue().dueFor(device, 10)).extracting(Command::id).doesNotContain(refused.id());
    }

    @Test
    default void commandsOfADevicePageNewestFirstAndCountByStateCoversAll() {
        UUID device = UUID.randomUUID();
        List<UUID> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(0, commandFor(device, i, ChannelKind.WINDOWS_MDM, PENDING).id());
        }
        List<UUID> walked = new ArrayList<>();
        String cursor = null;
        do {
            Page<Command> page = storage().history().ofDevice(device, cursor, 2);
            page.items().forEach(c -> walked.add(c.id()));
            cursor = page.nextCursor();
        } while (cursor != null);
        assertThat(walked).containsExactlyElementsOf(created);
        assertThat(storage().history().countByState(null)).containsEntry(PENDING, 5L).containsEntry(SENT, 0L)
                .hasSize(CommandState.values().length);
    }

    @Test
    default void wakeupsAreLeasedOnceUntilDoneOrTheLeaseRunsOut() {
        UUID device = UUID.randomUUID();
        Command apple = commandFor(device, 0, ChannelKind.APPLE_MDM, PENDING);
        Command apple2 = commandFor(device, 1, ChannelKind.APPLE_MDM, PENDING);
        Command windows = commandFor(device, 0, ChannelKind.WINDOWS_MDM, PENDING);
        commandFor(device, 0, null, CommandState.NOT_SUPPORTED);
        Command sent = commandFor(device, 0, ChannelKind.APPLE_MDM, PENDING);
        apply(sent, PENDING, SENT);

        List<Command> first = storage().queue().claimWakeups(ChannelKind.APPLE_MDM, 10, at(5), at(65));
        assertThat(first).extracting(Command::id).containsExactlyInAnyOrder(apple.id(), apple2.id());
        assertThat(first.get(0).options()).isEqualTo(apple.options());
        assertThat(storage().queue().claimWakeups(ChannelKind.APPLE_MDM, 10, at(6), at(66))).as("leased").isEmpty();
        storage().queue().wakeupsDone(List.of(apple.id()));
        storage().queue().wakeupsDone(List.of());
        assertThat(storage().queue().claimWakeups(ChannelKind.APPLE_MDM, 10, at(65), at(125)))
                .as("lease ran out (the node holding it died)").extracting(Command::id).containsExactly(apple2.id());
        assertThat(storage().queue().claimWakeups(ChannelKind.WINDOWS_MDM, 1, at(0), at(60)))
                .extracting(Command::id).containsExactly(windows.id());
        apply(apple2, PENDING, CommandState.CANCELED);
        assertThat(storage().queue().claimWakeups(ChannelKind.APPLE_MDM, 10, at(500), at(560))).isEmpty();
        assertThat(storage().queue().claimWakeups(ChannelKind.APPLE_MDM, 0, at(500), at(560))).isEmpty();
    }

    @Test
    default void concurrentClaimersNeverGetTheSameCommand() throws Exception {
        Fixtures.Submission s = Fixtures.request("admin", null, RequestsContract.deviceIds(4_000), at(0));
        ActionRequest r = storage().requests().create(s.request(), s.commands(), s.event());
        assertThat(r.deviceCount()).isEqualTo(4_000);
        ConcurrentLinkedQueue<UUID> claimed = new ConcurrentLinkedQueue<>();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                workers.add(pool.submit(() -> {
                    start.await();
                    List<Command> batch;
                    do {
                        batch = storage().queue().claimWakeups(ChannelKind.APPLE_MDM, 250, at(1), at(600));
                        batch.forEach(c -> claimed.add(c.id()));
                        storage().queue().wakeupsDone(batch.stream().map(Command::id).toList());
                    } while (!batch.isEmpty());
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : workers) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(claimed).hasSize(4_000).doesNotHaveDuplicates();
        assertThat(storage().queue().claimWakeups(ChannelKind.APPLE_MDM, 10, at(10_000), at(10_060))).isEmpty();
    }

    private void apply(Command c, CommandState from, CommandState to) {
        assertThat(storage().transitions().apply(new Transition(c.id(), Set.of(from), to, null, "t", at(1), null)))
                .isTrue();
    }
}
