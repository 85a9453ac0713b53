package io.latchkey.core.action;

import io.latchkey.core.Rejected;
import io.latchkey.core.audit.AuditEvent;
import io.latchkey.core.capability.Action;
import io.latchkey.core.capability.SecretKind;
import io.latchkey.core.inventory.Device;
import io.latchkey.core.testing.MutableClock;
import io.latchkey.core.testing.TestDevices;
import io.latchkey.core.testing.TestEngine;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static io.latchkey.core.action.CommandState.ACKNOWLEDGED;
import static io.latchkey.core.action.CommandState.FAILED;
import static io.latchkey.core.action.CommandState.PENDING;
import static io.latchkey.core.action.CommandState.SENT;
import static io.latchkey.core.action.CommandState.SUCCEEDED;
import static io.latchkey.core.testing.TestEngine.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link CommandOutbox}: delivery at check-in, answers as transitions, secret results. */
class CommandOutboxTest {
    private static final String APPLE = "channel:apple";

    private final TestEngine engine = new TestEngine();
    private final Device android = engine.add(TestDevices.androidOwner().build());
    private final Device mac = engine.add(TestDevices.macos().build());

    private Command pendingReset() {
        return engine.command(engine.submit(Action.PASSCODE_RESET, android), android);
    }

    private CommandState stateOf(Command c) {
        return engine.reload(c).state();
    }

    @Test
    void deliverMarksPendingCommandsSentAndRecordsTheTransition() {
        Command c = pendingReset();
        engine.clock.advance(Duration.ofSeconds(30));

        List<Command> out = engine.outbox.deliver(android.id(), 10, APPLE);

        assertThat(out).singleElement().satisfies(d -> {
            assertThat(d.id()).isEqualTo(c.id());
            assertThat(d.state()).isEqualTo(SENT);
        });
        assertThat(stateOf(c)).isEqualTo(SENT);
        assertThat(engine.store.commands.events(c.id())).singleElement().satisfies(e -> {
            assertThat(e.from()).isEqualTo(PENDING);
            assertThat(e.to()).isEqualTo(SENT);
            assertThat(e.actor()).isEqualTo(APPLE);
            assertThat(e.at()).isEqualTo(MutableClock.START.plusSeconds(30));
        });
    }

    @Test
    void sentCommandsTheDeviceNeverAnsweredAreDeliveredAgain() {
        Command c = pendingReset();
        engine.outbox.deliver(android.id(), 10, APPLE);

        List<Command> again = engine.outbox.deliver(android.id(), 10, APPLE);

        assertThat(again).extracting(Command::id).containsExactly(c.id());
        assertThat(engine.store.commands.events(c.id())).hasSize(1);
    }

    @Test
    void acknowledgedCommandsAreNotDeliveredAgain() {
        Command c = pendingReset();
        engine.outbox.deliver(android.id(), 10, APPLE);
        engine.outbox.acknowledged(c.id(), APPLE);

        assertThat(engine.outbox.deliver(android.id(), 10, APPLE)).isEmpty();
    }

    @Test
    void deliverHonoursMaxAndIgnoresOtherDevices() {
        Device other = engine.add(TestDevices.androidOwner().build());
        engine.submit(Action.REMOTE_LOCK, android);
        engine.submit(Action.WIPE, android, other);

        assertThat(engine.outbox.deliver(android.id(), 1, APPLE)).hasSize(1);
        assertThat(engine.outbox.deliver(android.id(), 10, APPLE)).hasSize(2)
                .allSatisfy(c -> assertThat(c.deviceId()).isEqualTo(android.id()));
    }

    @Test
    void notSupportedAndCanceledCommandsAreNeverDelivered() {
        Device agent = engine.add(TestDevices.pcAgent().build());
        engine.submit(Action.REMOTE_LOCK, agent);
        Submitted s = engine.submit(Action.REMOTE_LOCK, android);
        engine.actions.cancel(s.request().id(), ADMIN);

        assertThat(engine.outbox.deliver(agent.id(), 10, APPLE)).isEmpty();
        assertThat(engine.outbox.deliver(android.id(), 10, APPLE)).isEmpty();
    }

    @Test
    void acknowledgedThenSucceeded() {
        Command c = pendingReset();
        engine.outbox.deliver(android.id(), 10, APPLE);

        assertThat(engine.outbox.acknowledged(c.id(), APPLE)).isTrue();
        assertThat(stateOf(c)).isEqualTo(ACKNOWLEDGED);
        assertThat(engine.outbox.succeeded(c.id(), "done", APPLE)).isTrue();
        assertThat(engine.reload(c).state()).isEqualTo(SUCCEEDED);
        assertThat(engine.reload(c).detail()).isEqualTo("done");
        assertThat(engine.store.commands.events(c.id())).extracting(CommandEvent::to)
                .containsExactly(SENT, ACKNOWLEDGED, SUCCEEDED);
    }

    @Test
    void aResultMayComeWithoutASeparateAcknowledgement() {
        Command c = pendingReset();
        engine.outbox.deliver(android.id(), 10, APPLE);

        assertThat(engine.outbox.succeeded(c.id(), null, APPLE)).isTrue();
        assertThat(stateOf(c)).isEqualTo(SUCCEEDED);
    }

    @Test
    void failedKeepsTheReason() {
        Command c = pendingReset();
        engine.outbox.deliver(android.id(), 10, APPLE);

        assertThat(engine.outbox.failed(c.id(), "device refused: passcode policy", APPLE)).isTrue();

        assertThat(engine.reload(c).state()).isEqualTo(FAILED);
        assertThat(engine.reload(c).detail()).isEqualTo("device refused: passcode policy");
    }

    @Test
    void aCloudChannelHandsOverOrFailsFromPending() {
        Command handed = pendingReset();
        Command refused = pendingReset();

        assertThat(engine.outbox.handedOver(handed.id(), "channel:android")).isTrue();
        assertThat(engine.outbox.failed(refused.id(), "the API refused the command", "channel:android")).isTrue();

        assertThat(stateOf(handed)).isEqualTo(SENT);
        assertThat(stateOf(refused)).isEqualTo(FAILED);
    }

    @Test
    void aLateOrDuplicateAnswerReturnsFalseAndChangesNothing() {
        Command c = pendingReset();
        engine.outbox.deliver(android.id(), 10, APPLE);
        engine.outbox.succeeded(c.id(), "first", APPLE);
        Command before = engine.reload(c);
        int events = engine.store.commands.events(c.id()).size();

        assertThat(engine.outbox.succeeded(c.id(), "second", APPLE)).isFalse();
        assertThat(engine.outbox.failed(c.id(), "late", APPLE)).isFalse();
        assertThat(engine.outbox.acknowledged(c.id(), APPLE)).isFalse();
        assertThat(engine.outbox.handedOver(c.id(), APPLE)).isFalse();
        assertThat(engine.outbox.succeededWithSecret(c.id(), SecretKind.TEMPORARY_PASSCODE, "999999", APPLE))
                .isFalse();

        assertThat(engine.reload(c)).isEqualTo(before);
        assertThat(engine.store.commands.events(c.id())).hasSize(events);
        assertThat(engine.store.commands.secretCount()).isZero();
    }

    @Test
    void anAcknowledgementBeforeSendingIsRefused() {
        Command c = pendingReset();

        assertThat(engine.outbox.acknowledged(c.id(), APPLE)).isFalse();
        assertThat(engine.outbox.succeeded(c.id(), null, APPLE)).isFalse();
        assertThat(stateOf(c)).isEqualTo(PENDING);
    }

    @Test
    void anAnswerForAnUnknownCommandReturnsFalse() {
        assertThat(engine.outbox.succeeded(java.util.UUID.randomUUID(), null, APPLE)).isFalse();
    }

    @Test
    void aSecretResultIsStoredOnlyAsCiphertextAndRevealedOnceAudited() {
        Command c = pendingReset();
        engine.outbox.deliver(android.id(), 10, APPLE);
        String passcode = "temp-passcode-7341";

        assertThat(engine.outbox.succeededWithSecret(c.id(), SecretKind.TEMPORARY_PASSCODE, passcode, APPLE))
                .isTrue();

        assertThat(engine.store.commands.secretCount()).isEqualTo(1);
        assertThat(engine.store.commands.holdsBytes(passcode.getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(engine.store.commands.holdsBytes("7341".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(engine.reload(c).detail()).isEqualTo("TEMPORARY_PASSCODE");
        assertThat(engine.store.audit.all()).noneSatisfy(e -> assertThat(e.detail()).contains(passcode));

        RevealedSecret revealed = engine.actions.reveal(c.id(), ADMIN);

        assertThat(revealed.value()).isEqualTo(passcode);
        assertThat(revealed.kind()).isEqualTo("TEMPORARY_PASSCODE");
        assertThat(revealed.toString()).doesNotContain(passcode);
        List<AuditEvent> reveals = engine.store.audit.withAction("secret.reveal");
        assertThat(reveals).singleElement().satisfies(e -> {
            assertThat(e.actor()).isEqualTo("alice");
            assertThat(e.target()).isEqualTo(c.id().toString());
            assertThat(e.detail()).doesNotContain(passcode);
        });
    }

    @Test
    void aMacLockPinIsRevealedUntilSevenDaysHavePassed() {
        Command lock = engine.command(engine.submit(Action.REMOTE_LOCK, mac), mac);
        engine.outbox.deliver(mac.id(), 10, APPLE);
        engine.outbox.succeededWithSecret(lock.id(), SecretKind.LOCK_PIN, "482913", APPLE);

        engine.clock.advance(Duration.ofDays(7).minusSeconds(1));
        assertThat(engine.actions.reveal(lock.id(), ADMIN).value()).isEqualTo("482913");

        engine.clock.advance(Duration.ofSeconds(1));
        RemoteActionsSubmitTest.assertRejected(() -> engine.actions.reveal(lock.id(), ADMIN), Rejected.Kind.GONE,
                "7 days");
        assertThat(engine.store.audit.withAction("secret.reveal")).hasSize(1);
    }

    @Test
    void theWakeupSweepPurgesSecretsPastTheirLifetime() {
        Command c = pendingReset();
        engine.outbox.deliver(android.id(), 10, APPLE);
        engine.outbox.succeededWithSecret(c.id(), SecretKind.TEMPORARY_PASSCODE, "123456", APPLE);

        engine.clock.advance(CommandOutbox.SECRET_LIFETIME.plusMinutes(1));
        engine.wakeups.runOnce();

        assertThat(engine.store.commands.secretCount()).isZero();
    }

    @Test
    void revealingACommandWithoutASecretIsGone() {
        Command c = pendingReset();
        engine.outbox.deliver(android.id(), 10, APPLE);
        engine.outbox.succeeded(c.id(), null, APPLE);

        RemoteActionsSubmitTest.assertRejected(() -> engine.actions.reveal(c.id(), ADMIN), Rejected.Kind.GONE,
                c.id().toString());
    }

    @Test
    void aSecretCopiedOntoAnotherCommandDoesNotOpen() {
        Command a = pendingReset();
        Command b = pendingReset();
        engine.outbox.deliver(android.id(), 10, APPLE);
        engine.outbox.succeededWithSecret(a.id(), SecretKind.TEMPORARY_PASSCODE, "111111", APPLE);
        SealedSecret sealedA = engine.store.commands.secret(a.id(), engine.clock.instant()).orElseThrow();

        engine.store.commands.apply(new Transition(b.id(), CommandState.sourcesOf(SUCCEEDED), SUCCEEDED, null, APPLE,
                engine.clock.instant(), sealedA));

        assertThatThrownBy(() -> engine.actions.reveal(b.id(), ADMIN))
                .isInstanceOf(io.latchkey.core.secret.SecretException.class);
    }

    @Test
    void aDeferredCommandStaysSentAndIsSkippedOnlyWhenAskedTo() {
        Command first = pendingReset();
        Command second = engine.command(engine.submit(Action.REMOTE_LOCK, android), android);
        engine.outbox.deliver(android.id(), 1, APPLE);

        assertThat(engine.outbox.deferred(first.id())).isTrue();

        assertThat(stateOf(first)).isEqualTo(SENT);
        assertThat(engine.reload(first).detail()).isEqualTo(CommandOutbox.DEFERRED);
        assertThat(engine.outbox.deliver(android.id(), 1, APPLE, true)).extracting(Command::id)
                .containsExactly(second.id());
        assertThat(engine.outbox.deliver(android.id(), 5, APPLE)).extracting(Command::id)
                .containsExactly(first.id(), second.id());
    }

    @Test
    void onlyASentCommandCanBeDeferred() {
        Command c = pendingReset();

        assertThat(engine.outbox.deferred(c.id())).isFalse();
        assertThat(engine.reload(c).detail()).isNotEqualTo(CommandOutbox.DEFERRED);
    }

    @Test
    void aSecretToSendIsMadeOnceSealedWithTheMoveToSentAndTheSameOnEveryDelivery() {
        Command lock = engine.command(engine.submit(Action.REMOTE_LOCK, mac), mac);
        java.util.concurrent.atomic.AtomicInteger made = new java.util.concurrent.atomic.AtomicInteger();
        CommandOutbox.SecretMaker pins = new CommandOutbox.SecretMaker() {
            @Override
            public java.util.Optional<SecretKind> kindFor(Command c) {
                return java.util.Optional.of(SecretKind.LOCK_PIN);
            }

            @Override
            public String make(SecretKind kind) {
                return "1234" + made.incrementAndGet() + "0";
            }
        };

        String first = engine.outbox.deliver(mac.id(), 1, APPLE, false, pins).get(0).secret();
        assertThat(engine.store.commands.events(lock.id())).singleElement()
                .satisfies(e -> assertThat(e.to()).isEqualTo(SENT));
        assertThat(engine.store.commands.secretCount()).as("stored with the move to sent").isEqualTo(1);
        String again = engine.outbox.deliver(mac.id(), 1, APPLE, false, pins).get(0).secret();

        assertThat(first).isEqualTo("123410");
        assertThat(again).isEqualTo(first);
        assertThat(made).hasValue(1);
        assertThat(engine.store.commands.holdsBytes(first.getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(engine.actions.reveal(lock.id(), ADMIN).value()).isEqualTo(first);
    }
}
