package io.latchkey.core.action;

import io.latchkey.core.Rejected;
import io.latchkey.core.audit.AuditEvent;
import io.latchkey.core.capability.Action;
import io.latchkey.core.inventory.Device;
import io.latchkey.core.inventory.Page;
import io.latchkey.core.testing.InMemoryActionRequests;
import io.latchkey.core.testing.TestDevices;
import io.latchkey.core.testing.TestEngine;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static io.latchkey.core.action.RemoteActionsSubmitTest.assertRejected;
import static io.latchkey.core.testing.TestEngine.ADMIN;
import static io.latchkey.core.testing.TestEngine.ids;
import static org.assertj.core.api.Assertions.assertThat;

/** The less travelled paths of {@link RemoteActions}: a lost idempotency race, odd inputs. */
class RemoteActionsEdgeTest {
    private final TestEngine engine = new TestEngine();
    private final Device iphone = engine.add(TestDevices.ios().build());

    /**
     * A view of the requests that misses the earlier request on lookup, as a concurrent submission
     * with the same key does (both look, neither finds, both create; the store lets one win).
     */
    private static final class RacingRequests implements ActionRequests {
        private final InMemoryActionRequests real;

        RacingRequests(InMemoryActionRequests real) {
            this.real = real;
        }

        @Override
        public ActionRequest create(ActionRequest request, List<Command> commands, AuditEvent event) {
            return real.create(request, commands, event);
        }

        @Override
        public Optional<ActionRequest> find(UUID id) {
            return real.find(id);
        }

        @Override
        public Optional<ActionRequest> findByIdempotencyKey(String requestedBy, String idempotencyKey) {
            return Optional.empty();
        }

        @Override
        public Page<ActionRequest> page(String cursor, int limit) {
            return real.page(cursor, limit);
        }
    }

    private RemoteActions racing() {
        return new RemoteActions(engine.store.devices, engine.store.groups, new RacingRequests(engine.store.requests),
                engine.store.commands, engine.store.audit, engine.sealer, engine.wakeupPokes::incrementAndGet,
                engine.clock, TestEngine.DEFAULT_TTL);
    }

    @Test
    void theLoserOfAnIdempotencyRaceGetsTheWinnersRequest() {
        ActionSubmission submission = new ActionSubmission(Action.REMOTE_LOCK, ids(iphone), Map.of(), "race", null);
        Submitted winner = engine.submit(submission);
        int pokes = engine.wakeupPokes.get();

        Submitted loser = racing().submit(submission, ADMIN);

        assertThat(loser.created()).isFalse();
        assertThat(loser.request().id()).isEqualTo(winner.request().id());
        assertThat(engine.store.commands.allCommands()).hasSize(1);
        assertThat(engine.store.audit.withAction("action.submit")).hasSize(1);
        assertThat(engine.wakeupPokes).hasValue(pokes);
    }

    @Test
    void theLoserOfARaceWithOtherContentIsAConflict() {
        engine.submit(new ActionSubmission(Action.REMOTE_LOCK, ids(iphone), Map.of(), "race", null));

        assertRejected(() -> racing().submit(new ActionSubmission(Action.WIPE, ids(iphone), Map.of(), "race", null),
                ADMIN), Rejected.Kind.CONFLICT, "race");
        assertThat(engine.store.commands.allCommands()).hasSize(1);
    }

    @Test
    void aNullTargetSelectsEveryDevice() {
        Device other = engine.add(TestDevices.androidOwner().build());

        Submitted s = engine.submit(new ActionSubmission(Action.RETIRE, null, null, null, null));

        assertThat(engine.commandsOf(s)).extracting(Command::deviceId)
                .containsExactlyInAnyOrder(iphone.id(), other.id());
    }

    @Test
    void requestsOfAnySizeAreAccepted() {
        Device[] many = new Device[500];
        for (int i = 0; i < many.length; i++) {
            many[i] = engine.add(TestDevices.ios().build());
        }

        Submitted s = engine.submit(Action.REMOTE_LOCK, many);

        assertThat(s.request().deviceCount()).isEqualTo(500);
        assertThat(engine.store.commands.countByState(s.request().id())).containsEntry(CommandState.PENDING, 500L);
    }

    /** KNOWN CORE BUG (ActionOptions.validate, line 37): a null option name throws NullPointerException. */
    @Test
    void aNullOptionNameIsRefusedAsInvalid() {
        Map<String, String> options = new HashMap<>();
        options.put(null, "x");

        assertRejected(() -> ActionOptions.validate(Action.REMOTE_LOCK, options), Rejected.Kind.INVALID, "option");
    }

    /** KNOWN CORE BUG (RemoteActions.preview): a null action throws NullPointerException, submit says INVALID. */
    @Test
    void previewWithoutAnActionIsRefusedAsInvalid() {
        assertRejected(() -> engine.actions.preview(null, ids(iphone)), Rejected.Kind.INVALID, "action");
    }
}
