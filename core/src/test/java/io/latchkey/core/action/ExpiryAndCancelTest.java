package io.latchkey.core.action;

import io.latchkey.core.Rejected;
import io.latchkey.core.capability.Action;
import io.latchkey.core.inventory.Device;
import io.latchkey.core.testing.InMemoryCommands;
import io.latchkey.core.testing.TestDevices;
import io.latchkey.core.testing.TestEngine;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.latchkey.core.action.CommandState.ACKNOWLEDGED;
import static io.latchkey.core.action.CommandState.CANCELED;
import static io.latchkey.core.action.CommandState.EXPIRED;
import static io.latchkey.core.action.CommandState.NOT_SUPPORTED;
import static io.latchkey.core.action.CommandState.PENDING;
import static io.latchkey.core.action.CommandState.SENT;
import static io.latchkey.core.action.CommandState.SUCCEEDED;
import static io.latchkey.core.testing.TestEngine.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

/** Commands that end without an answer: expired by the sweep, canceled by an administrator. */
class ExpiryAndCancelTest {
    private static final String CHANNEL = "channel:test";

    private final TestEngine engine = new TestEngine();
    private final Device a = engine.add(TestDevices.ios().build());
    private final Device b = engine.add(TestDevices.androidOwner().build());
    private final Device c = engine.add(TestDevices.windows("10.0.19045").build());
    private final Device d = engine.add(TestDevices.macos().build());
    private final Device agent = engine.add(TestDevices.pcAgent().build());

    private Submitted lockAll(Duration ttl) {
        return engine.submit(new ActionSubmission(Action.REMOTE_LOCK, TestEngine.ids(a, b, c, d, agent), Map.of(),
                null, ttl));
    }

    @Test
    void afterTheTimeToLiveOpenCommandsExpireWithHistoryRows() {
        Submitted s = lockAll(Duration.ofHours(1));
        engine.outbox.deliver(b.id(), 10, CHANNEL);
        engine.outbox.deliver(c.id(), 10, CHANNEL);
        engine.outbox.acknowledged(engine.command(s, c).id(), CHANNEL);
        engine.outbox.deliver(d.id(), 10, CHANNEL);
        engine.outbox.succeeded(engine.command(s, d).id(), null, CHANNEL);

        engine.clock.advance(Duration.ofHours(1).plusSeconds(1));
        engine.wakeups.runOnce();

        assertThat(engine.reload(engine.command(s, a)).state()).isEqualTo(EXPIRED);
        assertThat(engine.reload(engine.command(s, b)).state()).isEqualTo(EXPIRED);
        assertThat(engine.reload(engine.command(s, c)).state()).isEqualTo(EXPIRED);
        assertThat(engine.reload(engine.command(s, d)).state()).isEqualTo(SUCCEEDED);
        assertThat(engine.reload(engine.command(s, agent)).state()).isEqualTo(NOT_SUPPORTED);
        assertThat(engine.store.commands.events(engine.command(s, a).id())).singleElement().satisfies(e -> {
            assertThat(e.from()).isEqualTo(PENDING);
            assertThat(e.to()).isEqualTo(EXPIRED);
            assertThat(e.actor()).isEqualTo(InMemoryCommands.SYSTEM);
            assertThat(e.at()).isEqualTo(engine.clock.instant());
        });
        assertThat(engine.store.commands.events(engine.command(s, c).id())).extracting(CommandEvent::to)
                .containsExactly(SENT, ACKNOWLEDGED, EXPIRED);
        assertThat(engine.store.commands.countByState(s.request().id()))
                .containsEntry(EXPIRED, 3L).containsEntry(SUCCEEDED, 1L).containsEntry(NOT_SUPPORTED, 1L);
    }

    @Test
    void aDeviceCheckingInAfterTheTimeToLiveButBeforeTheSweepGetsNothing() {
        lockAll(Duration.ofHours(1));
        engine.clock.advance(Duration.ofHours(1));

        assertThat(engine.outbox.deliver(a.id(), 10, CHANNEL)).isEmpty();
        assertThat(engine.store.commands.allCommands()).extracting(Command::state).doesNotContain(SENT);
    }

    @Test
    void nothingExpiresBeforeTheTimeToLive() {
        Submitted s = lockAll(Duration.ofHours(1));

        engine.clock.advance(Duration.ofMinutes(59));
        engine.wakeups.runOnce();

        assertThat(engine.reload(engine.command(s, a)).state()).isEqualTo(PENDING);
    }

    @Test
    void anExpiredCommandIgnoresALateAnswer() {
        Submitted s = lockAll(Duration.ofMinutes(5));
        Command cmd = engine.command(s, b);
        engine.outbox.deliver(b.id(), 10, CHANNEL);
        engine.clock.advance(Duration.ofMinutes(6));
        engine.wakeups.runOnce();

        assertThat(engine.outbox.succeeded(cmd.id(), null, CHANNEL)).isFalse();
        assertThat(engine.reload(cmd).state()).isEqualTo(EXPIRED);
        assertThat(engine.outbox.deliver(b.id(), 10, CHANNEL)).isEmpty();
    }

    @Test
    void cancelTurnsPendingCommandsCanceledAndLeavesSentOnesAlone() {
        Submitted s = lockAll(null);
        engine.outbox.deliver(b.id(), 10, CHANNEL);
        engine.clock.advance(Duration.ofMinutes(2));

        int canceled = engine.actions.cancel(s.request().id(), ADMIN);

        assertThat(canceled).isEqualTo(3);
        assertThat(engine.reload(engine.command(s, a)).state()).isEqualTo(CANCELED);
        assertThat(engine.reload(engine.command(s, c)).state()).isEqualTo(CANCELED);
        assertThat(engine.reload(engine.command(s, d)).state()).isEqualTo(CANCELED);
        assertThat(engine.reload(engine.command(s, b)).state()).isEqualTo(SENT);
        assertThat(engine.reload(engine.command(s, agent)).state()).isEqualTo(NOT_SUPPORTED);
        assertThat(engine.store.commands.events(engine.command(s, a).id())).singleElement().satisfies(e -> {
            assertThat(e.from()).isEqualTo(PENDING);
            assertThat(e.to()).isEqualTo(CANCELED);
            assertThat(e.actor()).isEqualTo("alice");
            assertThat(e.at()).isEqualTo(engine.clock.instant());
        });
    }

    @Test
    void cancelIsAuditedEvenWhenNothingWasLeftToCancel() {
        Submitted s = engine.submit(Action.RETIRE, b);
        engine.outbox.deliver(b.id(), 10, CHANNEL);

        assertThat(engine.actions.cancel(s.request().id(), ADMIN)).isZero();
        assertThat(engine.actions.cancel(s.request().id(), ADMIN)).isZero();

        assertThat(engine.store.audit.withAction("action.cancel")).hasSize(2).allSatisfy(e -> {
            assertThat(e.actor()).isEqualTo("alice");
            assertThat(e.source()).isEqualTo("192.0.2.10");
            assertThat(e.target()).isEqualTo(s.request().id().toString());
            assertThat(e.detail()).startsWith("0 pending");
        });
    }

    @Test
    void aCanceledCommandIsNeitherDeliveredNorWokenNorExpired() {
        Submitted s = engine.submit(Action.REMOTE_LOCK, a);
        engine.actions.cancel(s.request().id(), ADMIN);
        engine.clock.advance(TestEngine.DEFAULT_TTL.plusDays(1));

        engine.wakeups.runOnce();

        assertThat(engine.outbox.deliver(a.id(), 10, CHANNEL)).isEmpty();
        assertThat(engine.channels.get(ChannelKind.APPLE_MDM).handedIds()).isEmpty();
        assertThat(engine.reload(engine.command(s, a)).state()).isEqualTo(CANCELED);
    }

    @Test
    void cancellingAnUnknownRequestIsNotFound() {
        UUID unknown = UUID.randomUUID();

        RemoteActionsSubmitTest.assertRejected(() -> engine.actions.cancel(unknown, ADMIN), Rejected.Kind.NOT_FOUND,
                unknown.toString());
        assertThat(engine.store.audit.withAction("action.cancel")).isEmpty();
    }
}
