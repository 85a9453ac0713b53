package io.latchkey.store.jdbc;

import io.latchkey.core.action.ActionRequest;
import io.latchkey.core.action.Command;
import io.latchkey.core.action.CommandState;
import io.latchkey.core.capability.Action;
import io.latchkey.core.inventory.DeviceFilter;
import io.latchkey.core.inventory.ManagementChannel;
import io.latchkey.core.inventory.Page;
import io.latchkey.core.inventory.Platform;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;

import static io.latchkey.store.jdbc.Fixtures.at;
import static io.latchkey.store.jdbc.Fixtures.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Action requests: atomic create with commands and audit, idempotency, lookups, paging. */
public interface RequestsContract extends StorageFixture {

    static List<UUID> deviceIds(int n) {
        return IntStream.range(0, n).mapToObj(i -> UUID.randomUUID()).toList();
    }

    @Test
    default void createStoresRequestCommandsAndAuditEventTogether() {
        Fixtures.Submission s = request("admin", "key-1", deviceIds(3), at(0));
        ActionRequest stored = storage().requests().create(s.request(), s.commands(), s.event());
        assertThat(stored).isEqualTo(s.request());
        assertThat(storage().requests().find(s.request().id())).contains(s.request());
        assertThat(storage().requests().findByIdempotencyKey("admin", "key-1")).contains(s.request());
        assertThat(storage().requests().findByIdempotencyKey("someone-else", "key-1")).isEmpty();
        assertThat(storage().history().ofRequest(s.request().id(), null, null, 10).items())
                .containsExactlyElementsOf(s.commands());
        assertThat(storage().audit().page(null, 10).items()).containsExactly(s.event());
    }

    @Test
    default void aCreateThatFailsAtItsLastStatementLeavesNothing() {
        Fixtures.Submission first = request("admin", "key-a", deviceIds(2), at(0));
        storage().requests().create(first.request(), first.commands(), first.event());
        // The audit entry is written last; reusing the first one's id makes that insert fail after
        // the request row and its 5,000 commands were written in the same transaction.
        Fixtures.Submission s = request("admin", "key-b", deviceIds(5_000), at(1));
        assertThatThrownBy(() -> storage().requests().create(s.request(), s.commands(), first.event()))
                .isInstanceOf(RuntimeException.class);
        assertThat(storage().requests().find(s.request().id())).isEmpty();
        assertThat(storage().history().countByState(s.request().id()).values()).containsOnly(0L);
        assertThat(storage().history().ofRequest(s.request().id(), null, null, 10).items()).isEmpty();
    }

    @Test
    default void theTargetFilterAndOptionsRoundTripWhateverTheyHold() {
        DeviceFilter target = new DeviceFilter(null, "all-computers", UUID.randomUUID(), Platform.WINDOWS_RT,
                ManagementChannel.EAS_MDM, "a&b=c %");
        Fixtures.Submission s = request("admin", null, deviceIds(1), at(0));
        ActionRequest r = s.request();
        ActionRequest custom = new ActionRequest(r.id(), Action.WIPE, target, Map.of("keepUserData", "true",
                "x=y&z", "ü %26"), "admin", null, null, null, r.createdAt(), r.expiresAt(), 1, 1);
        Command c = s.commands().get(0);
        storage().requests().create(custom, List.of(new Command(c.id(), c.requestId(), c.deviceId(), Action.WIPE,
                c.channel(), c.state(), c.detail(), custom.options(), c.createdAt(), c.updatedAt(), c.expiresAt())),
                null);
        assertThat(storage().history().find(c.id()).orElseThrow().options()).isEqualTo(custom.options());
        assertThat(storage().requests().find(r.id())).contains(custom);
        ActionRequest emptyIds = new ActionRequest(UUID.randomUUID(), Action.RETIRE, DeviceFilter.ids(List.of()),
                Map.of(), "admin", "", null, null, r.createdAt(), r.expiresAt(), 0, 0);
        storage().requests().create(emptyIds, List.of(), null);
        assertThat(storage().requests().find(emptyIds.id())).contains(emptyIds);
    }

    @Test
    default void commandTextWithControlCharactersRoundTrips() {
        Fixtures.Submission s = request("admin", null, deviceIds(3), at(0));
        List<Command> odd = new ArrayList<>();
        String[] details = {"tab\there\\back\nnew\rcr ü \\N", null, "\\N"};
        for (int i = 0; i < 3; i++) {
            Command c = s.commands().get(i);
            odd.add(new Command(c.id(), c.requestId(), c.deviceId(), c.action(), i == 1 ? null : c.channel(),
                    i == 1 ? CommandState.NOT_SUPPORTED : c.state(), details[i], c.options(), c.createdAt(),
                    c.updatedAt(), c.expiresAt()));
        }
        storage().requests().create(s.request(), odd, s.event());
        assertThat(storage().history().ofRequest(s.request().id(), null, null, 10).items()).containsExactlyElementsOf(odd);
    }

    @Test
    default void commandsThatDifferFromTheirRequestAreRefused() {
        Fixtures.Submission s = request("admin", null, deviceIds(2), at(0));
        Command c = s.commands().get(1);
        Command otherExpiry = new Command(c.id(), c.requestId(), c.deviceId(), c.action(), c.channel(), c.state(),
                c.detail(), c.options(), c.createdAt(), c.updatedAt(), c.expiresAt().plusSeconds(1));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> storage().requests().create(s.request(),
                List.of(s.commands().get(0), otherExpiry), s.event())).isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> storage().requests().create(s.request(),
                s.commands().subList(0, 1), s.event())).as("device count").isInstanceOf(IllegalArgumentException.class);
        assertThat(storage().requests().find(s.request().id())).isEmpty();
    }

    @Test
    default void aRepeatedIdempotencyKeyReturnsTheFirstRequestAndWritesNothing() {
        Fixtures.Submission first = request("admin", "same", deviceIds(2), at(0));
        Fixtures.Submission again = request("admin", "same", deviceIds(5), at(1));
        storage().requests().create(first.request(), first.commands(), first.event());
        ActionRequest answer = storage().requests().create(again.request(), again.commands(), again.event());
        assertThat(answer).isEqualTo(first.request());
        assertThat(storage().history().countByState(null).get(CommandState.PENDING)).isEqualTo(2);
        assertThat(storage().audit().page(null, 10).items()).containsExactly(first.event());
        // Keys are per requester, and requests without a key never collide.
        Fixtures.Submission otherAdmin = request("other", "same", deviceIds(1), at(2));
        assertThat(storage().requests().create(otherAdmin.request(), otherAdmin.commands(), otherAdmin.event()))
                .isEqualTo(otherAdmin.request());
        for (int i = 0; i < 2; i++) {
            Fixtures.Submission noKey = request("admin", null, deviceIds(1), at(3));
            assertThat(storage().requests().create(noKey.request(), noKey.commands(), noKey.event()).id())
                    .isEqualTo(noKey.request().id());
        }
    }

    @Test
    default void concurrentDuplicatesFromTwoThreadsStoreOneRequest() throws Exception {
        for (int round = 0; round < 3; round++) {
            Fixtures.Submission a = request("admin", "race-" + round, deviceIds(3_000), at(round));
            Fixtures.Submission b = request("admin", "race-" + round, deviceIds(3_000), at(round));
            CountDownLatch start = new CountDownLatch(1);
            CompletableFuture<ActionRequest> fa = CompletableFuture.supplyAsync(() -> {
                await(start);
                return storage().requests().create(a.request(), a.commands(), a.event());
            });
            CompletableFuture<ActionRequest> fb = CompletableFuture.supplyAsync(() -> {
                await(start);
                return storage().requests().create(b.request(), b.commands(), b.event());
            });
            start.countDown();
            ActionRequest ra = fa.get();
            ActionRequest rb = fb.get();
            assertThat(ra).isEqualTo(rb);
            assertThat(ra.id()).isIn(a.request().id(), b.request().id());
            assertThat(storage().history().countByState(ra.id()).get(CommandState.PENDING)).isEqualTo(3_000);
            UUID loser = ra.id().equals(a.request().id()) ? b.request().id() : a.request().id();
            assertThat(storage().requests().find(loser)).isEmpty();
            assertThat(storage().history().countByState(loser).values()).containsOnly(0L);
        }
        assertThat(storage().history().countByState(null).get(CommandState.PENDING)).isEqualTo(9_000);
        assertThat(storage().audit().page(null, 100).items()).hasSize(3);
    }

    @Test
    default void requestsPageNewestFirst() {
        List<ActionRequest> created = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            Fixtures.Submission s = request("admin", "k" + i, deviceIds(1), at(i / 2)); // pairs share a time
            created.add(storage().requests().create(s.request(), s.commands(), s.event()));
        }
        List<ActionRequest> walked = new ArrayList<>();
        String cursor = null;
        do {
            Page<ActionRequest> page = storage().requests().page(cursor, 2);
            walked.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null);
        assertThat(walked).containsExactlyInAnyOrderElementsOf(created);
        assertThat(walked).isSortedAccordingTo((x, y) -> y.createdAt().compareTo(x.createdAt()));
        assertThat(walked).isEqualTo(storage().requests().page(null, 100).items());
    }

    @Test
    default void commandsOfARequestPageInCreationOrderAndByState() {
        Fixtures.Submission s = request("admin", null, deviceIds(9), at(0));
        storage().requests().create(s.request(), s.commands(), s.event());
        Command third = s.commands().get(2);
        storage().transitions().apply(new io.latchkey.core.action.Transition(third.id(),
                java.util.Set.of(CommandState.PENDING), CommandState.SENT, null, "apple", at(1), null));
        List<Command> walked = new ArrayList<>();
        String cursor = null;
        do {
            Page<Command> page = storage().history().ofRequest(s.request().id(), null, cursor, 4);
            walked.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null);
        assertThat(walked).extracting(Command::id).containsExactlyElementsOf(s.commands().stream().map(Command::id).toList());
        assertThat(storage().history().ofRequest(s.request().id(), CommandState.SENT, null, 4).items())
                .extracting(Command::id).containsExactly(third.id());
        Page<Command> pendingPage = storage().history().ofRequest(s.request().id(), CommandState.PENDING, null, 5);
        assertThat(pendingPage.items()).hasSize(5).extracting(Command::state).containsOnly(CommandState.PENDING);
        assertThat(storage().history().ofRequest(s.request().id(), CommandState.PENDING, pendingPage.nextCursor(), 5)
                .items()).hasSize(3);
    }

    @Test
    default void aRequestBeyondTheStoresCommandLimitIsRefusedBeforeAnythingIsWritten() {
        Fixtures.Submission s = request("admin", null, deviceIds(1), at(0));
        Command only = s.commands().get(0);
        int tooMany = (1 << 24) + 1; // a command's key leaves 24 bits for its position in the request
        List<Command> huge = new java.util.AbstractList<>() {
            @Override
            public Command get(int index) {
                return only;
            }

            @Override
            public int size() {
                return tooMany;
            }
        };
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> storage().requests().create(s.request(), huge,
                s.event())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("16777216");
        assertThat(storage().requests().find(s.request().id())).isEmpty();
    }

    @Test
    default void aRequestsCommandsAreItsOwnWhateverItsNeighboursHold() {
        Fixtures.Submission first = request("admin", null, deviceIds(3), at(0));
        Fixtures.Submission second = request("admin", null, deviceIds(4), at(1));
        storage().requests().create(first.request(), first.commands(), first.event());
        storage().requests().create(second.request(), second.commands(), second.event());
        assertThat(storage().transitions().cancelPending(first.request().id(), "admin", at(2))).isEqualTo(3);
        assertThat(storage().history().countByState(first.request().id())).containsEntry(CommandState.CANCELED, 3L)
                .containsEntry(CommandState.PENDING, 0L);
        assertThat(storage().history().countByState(second.request().id())).containsEntry(CommandState.PENDING, 4L)
                .containsEntry(CommandState.CANCELED, 0L);
        assertThat(storage().history().ofRequest(second.request().id(), null, null, 10).items())
                .extracting(Command::id).containsExactlyElementsOf(second.commands().stream().map(Command::id).toList());
        assertThat(storage().history().countByState(UUID.randomUUID()).values()).containsOnly(0L);
        assertThat(storage().history().ofRequest(UUID.randomUUID(), null, null, 10).items()).isEmpty();
        assertThat(storage().transitions().cancelPending(UUID.randomUUID(), "admin", at(3))).isZero();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
