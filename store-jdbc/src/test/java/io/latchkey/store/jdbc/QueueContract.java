package io.latchkey.store.jdbc;

import io.latchkey.core.action.ChannelKind;
import io.latchkey.core.action.Command;
import io.latchkey.core.action.CommandState;
import io.latchkey.core.action.Transition;
import io.latchkey.core.action.WakeupBatch;
import io.latchkey.core.inventory.Page;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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

/** The check-in queue (dueFor, by device) and the per-request wake-up windows (claimWakeups / wakeupsDone). */
public interface QueueContract extends StorageFixture {

    /** One request per call, one command for {@code deviceId}, created at {@code t}. */
    default Command commandFor(UUID deviceId, long t, ChannelKind channel, CommandState state) {
        Fixtures.Submission s = Fixtures.request("admin", null, List.of(deviceId), at(t));
        Command c = Fixtures.withState(s.commands().get(0), state, channel);
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

    /** A request of {@code n} commands created at {@code t}, all pending on Apple MDM. */
    default Fixtures.Submission requestOf(int n, long t) {
        Fixtures.Submission s = Fixtures.request("admin", null, RequestsContract.deviceIds(n), at(t));
        storage().requests().create(s.request(), s.commands(), s.event());
        return s;
    }

    default Optional<WakeupBatch> claim(int max, long now) {
        return storage().queue().claimWakeups(max, at(now), at(now + 60));
    }

    private static List<UUID> idsOf(List<Command> commands) {
        return commands.stream().map(Command::id).toList();
    }

    @Test
    default void claimsTakeTheOldestRequestsWindowsInOrderAndALeaseBlocksOthers() {
        Fixtures.Submission later = requestOf(5, 1);
        Fixtures.Submission oldest = requestOf(3, 0);

        WakeupBatch b1 = claim(2, 5).orElseThrow();
        assertThat(b1.requestId()).isEqualTo(oldest.request().id());
        assertThat(b1.fromSeq()).isZero();
        assertThat(b1.toSeq()).isEqualTo(2);
        assertThat(b1.commands()).containsExactlyElementsOf(oldest.commands().subList(0, 2));

        WakeupBatch a1 = claim(2, 6).orElseThrow();
        assertThat(a1.requestId()).as("the oldest is leased").isEqualTo(later.request().id());
        assertThat(idsOf(a1.commands())).containsExactlyElementsOf(idsOf(later.commands().subList(0, 2)));
        assertThat(claim(2, 7)).as("both leased").isEmpty();

        storage().queue().wakeupsDone(b1);
        WakeupBatch b2 = claim(2, 8).orElseThrow();
        assertThat(b2.requestId()).isEqualTo(oldest.request().id());
        assertThat(b2.fromSeq()).isEqualTo(2);
        assertThat(b2.toSeq()).as("the window ends with the request").isEqualTo(3);
        assertThat(idsOf(b2.commands())).containsExactly(oldest.commands().get(2).id());
        storage().queue().wakeupsDone(b2);
        assertThat(claim(2, 9)).as("oldest done, later still leased").isEmpty();

        storage().queue().wakeupsDone(a1);
        List<UUID> rest = new ArrayList<>();
        for (Optional<WakeupBatch> b; (b = claim(2, 10)).isPresent(); ) {
            assertThat(b.get().requestId()).isEqualTo(later.request().id());
            rest.addAll(idsOf(b.get().commands()));
            storage().queue().wakeupsDone(b.get());
        }
        assertThat(rest).containsExactlyElementsOf(idsOf(later.commands().subList(2, 5)));
        assertThat(claim(10, 10_000)).isEmpty();
        assertThat(storage().queue().claimWakeups(0, at(0), at(60))).isEmpty();
    }

    @Test
    default void anExpiredLeaseIsTakenOverAndAStaleDoneChangesNothing() {
        Fixtures.Submission s = requestOf(3, 0);
        WakeupBatch first = storage().queue().claimWakeups(2, at(5), at(65)).orElseThrow();
        assertThat(storage().queue().claimWakeups(2, at(64), at(124))).as("still leased").isEmpty();
        assertThat(storage().queue().claimWakeups(2, at(65), at(125))).as("a lease holds until its end").isEmpty();
        WakeupBatch again = storage().queue().claimWakeups(2, at(66), at(126)).orElseThrow();
        assertThat(again).as("the node holding it died: the same window again").isEqualTo(first);

        storage().queue().wakeupsDone(again);
        storage().queue().wakeupsDone(first); // the first holder finishes late: the cursor stays
        WakeupBatch next = storage().queue().claimWakeups(2, at(67), at(127)).orElseThrow();
        assertThat(next.fromSeq()).as("no window skipped").isEqualTo(2);
        assertThat(idsOf(next.commands())).containsExactly(s.commands().get(2).id());
        storage().queue().wakeupsDone(first);
        assertThat(storage().queue().claimWakeups(2, at(68), at(128))).as("leased by the current holder").isEmpty();
        storage().queue().wakeupsDone(next);
        assertThat(storage().queue().claimWakeups(2, at(1_000), at(1_060))).isEmpty();
    }

    @Test
    default void onlyPendingCommandsAreListedButTheWindowAdvancesOverTheRest() {
        Fixtures.Submission s = Fixtures.request("admin", null, RequestsContract.deviceIds(7), at(0));
        List<Command> cs = new ArrayList<>(s.commands());
        cs.set(1, Fixtures.withState(cs.get(1), CommandState.NOT_SUPPORTED, null));
        cs.set(5, Fixtures.withState(cs.get(5), CommandState.NOT_SUPPORTED, null));
        cs.set(6, Fixtures.withState(cs.get(6), CommandState.NOT_SUPPORTED, null));
        storage().requests().create(s.request(), cs, s.event());
        apply(cs.get(2), PENDING, SENT);
        apply(cs.get(3), PENDING, CommandState.CANCELED);

        WakeupBatch w1 = claim(4, 5).orElseThrow();
        assertThat(w1.fromSeq()).isZero();
        assertThat(w1.toSeq()).isEqualTo(4);
        assertThat(idsOf(w1.commands())).containsExactly(cs.get(0).id());
        storage().queue().wakeupsDone(w1);
        WakeupBatch w2 = claim(1, 6).orElseThrow();
        assertThat(idsOf(w2.commands())).containsExactly(cs.get(4).id());
        storage().queue().wakeupsDone(w2);
        WakeupBatch w3 = claim(4, 7).orElseThrow();
        assertThat(w3.fromSeq()).isEqualTo(5);
        assertThat(w3.toSeq()).isEqualTo(7);
        assertThat(w3.commands()).as("refused only: nothing to wake, yet it must be marked done").isEmpty();
        assertThat(claim(4, 8)).isEmpty();
        storage().queue().wakeupsDone(w3);
        assertThat(claim(4, 9)).isEmpty();
        assertThat(claim(4, 1_000)).as("done for good, lease or not").isEmpty();
    }

    @Test
    default void aRequestWithNothingPendingIsNeverClaimed() {
        Fixtures.Submission refused = Fixtures.request("admin", null, RequestsContract.deviceIds(3), at(0));
        storage().requests().create(refused.request(), refused.commands().stream()
                .map(c -> Fixtures.withState(c, CommandState.NOT_SUPPORTED, null)).toList(), refused.event());
        Fixtures.Submission empty = Fixtures.request("admin", null, List.of(), at(0));
        storage().requests().create(empty.request(), empty.commands(), empty.event());
        assertThat(claim(10, 5)).isEmpty();
        Fixtures.Submission newer = requestOf(1, 1);
        assertThat(claim(10, 5)).hasValueSatisfying(b -> assertThat(b.requestId()).isEqualTo(newer.request().id()));
    }

    @Test
    default void concurrentClaimersNeverHoldTheSameRequest() throws Exception {
        Set<UUID> created = new java.util.HashSet<>();
        for (int i = 0; i < 40; i++) {
            created.add(requestOf(5, i % 7).request().id());
        }
        ConcurrentLinkedQueue<UUID> claimed = new ConcurrentLinkedQueue<>();
        runConcurrently(4, () -> {
            // Never done: each lease outlives the test, so a request claimed twice was shared.
            for (Optional<WakeupBatch> b; (b = storage().queue().claimWakeups(2, at(1), at(600))).isPresent(); ) {
                claimed.add(b.get().requestId());
            }
        });
        assertThat(claimed).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(created);
    }

    @Test
    default void concurrentClaimAndDoneHandEveryCommandOutOnce() throws Exception {
        Set<UUID> created = new java.util.HashSet<>();
        for (int i = 0; i < 8; i++) {
            created.addAll(idsOf(requestOf(500, i).commands()));
        }
        ConcurrentLinkedQueue<UUID> handed = new ConcurrentLinkedQueue<>();
        runConcurrently(4, () -> {
            for (Optional<WakeupBatch> b; (b = storage().queue().claimWakeups(150, at(1), at(600))).isPresent(); ) {
                b.get().commands().forEach(c -> handed.add(c.id()));
                storage().queue().wakeupsDone(b.get());
            }
        });
        assertThat(handed).hasSize(4_000).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(created);
        assertThat(claim(10, 10_000)).isEmpty();
    }

    private static void runConcurrently(int threads, Runnable work) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < threads; w++) {
                workers.add(pool.submit(() -> {
                    start.await();
                    work.run();
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
    }

    private void apply(Command c, CommandState from, CommandState to) {
        assertThat(storage().transitions().apply(new Transition(c.id(), Set.of(from), to, null, "t", at(1), null)))
                .isTrue();
    }
}
