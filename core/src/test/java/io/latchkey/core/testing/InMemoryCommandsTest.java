package io.latchkey.core.testing;

import io.latchkey.core.action.ActionRequest;
import io.latchkey.core.action.ChannelKind;
import io.latchkey.core.action.Command;
import io.latchkey.core.action.CommandState;
import io.latchkey.core.action.Transition;
import io.latchkey.core.audit.AuditEvent;
import io.latchkey.core.capability.Action;
import io.latchkey.core.inventory.DeviceFilter;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The in-memory store keeps the promises of the ports, so engine tests against it mean something. */
class InMemoryCommandsTest {
    private static final Instant T0 = MutableClock.START;

    private final InMemoryStore store = new InMemoryStore();

    private static ActionRequest request(String key) {
        return new ActionRequest(UUID.randomUUID(), Action.REMOTE_LOCK, DeviceFilter.ALL, null, "alice", "", key, "fp",
                T0, T0.plusSeconds(3600), 1, 0);
    }

    private static Command command(ActionRequest r) {
        return new Command(UUID.randomUUID(), r.id(), UUID.randomUUID(), r.action(), ChannelKind.APPLE_MDM,
                CommandState.PENDING, "DeviceLock", null, T0, T0, r.expiresAt());
    }

    private static AuditEvent event() {
        return new AuditEvent(UUID.randomUUID(), T0, "alice", "", "action.submit", "actionRequest", "x", "");
    }

    @Test
    void anIdempotencyKeyIsUniquePerRequesterAndTheLoserWritesNothing() {
        ActionRequest first = request("k");
        ActionRequest second = request("k");

        assertThat(store.requests.create(first, List.of(command(first)), event())).isEqualTo(first);
        assertThat(store.requests.create(second, List.of(command(second)), event())).isEqualTo(first);

        assertThat(store.commands.requestCount()).isEqualTo(1);
        assertThat(store.commands.allCommands()).hasSize(1);
        assertThat(store.audit.all()).hasSize(1);
        assertThat(store.requests.findByIdempotencyKey("alice", "k")).contains(first);
        assertThat(store.requests.findByIdempotencyKey("bob", "k")).isEmpty();
    }

    @Test
    void transitionsAreCompareAndSet() {
        ActionRequest r = request(null);
        Command c = command(r);
        store.requests.create(r, List.of(c), event());
        Transition toSent = new Transition(c.id(), EnumSet.of(CommandState.PENDING), CommandState.SENT, null, "ch", T0,
                null);

        assertThat(store.commands.apply(toSent)).isTrue();
        assertThat(store.commands.apply(toSent)).isFalse();
        assertThat(store.commands.events(c.id())).hasSize(1);
        assertThat(store.commands.apply(new Transition(UUID.randomUUID(), EnumSet.of(CommandState.PENDING),
                CommandState.SENT, null, "ch", T0, null))).isFalse();
    }

    @Test
    void requestsPageNewestFirst() {
        ActionRequest a = request(null);
        ActionRequest b = request(null);
        ActionRequest c = request(null);
        for (ActionRequest r : List.of(a, b, c)) {
            store.requests.create(r, List.of(command(r)), event());
        }

        var first = store.requests.page(null, 2);
        var second = store.requests.page(first.nextCursor(), 2);

        assertThat(first.items()).containsExactly(c, b);
        assertThat(second.items()).containsExactly(a);
        assertThat(second.nextCursor()).isNull();
    }
}
