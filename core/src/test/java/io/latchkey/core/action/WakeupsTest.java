package io.latchkey.core.action;

import io.latchkey.core.capability.Action;
import io.latchkey.core.inventory.Device;
import io.latchkey.core.testing.RecordingChannel;
import io.latchkey.core.testing.TestDevices;
import io.latchkey.core.testing.TestEngine;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link Wakeups}: due commands reach their channel once, and again after the lease when it failed. */
class WakeupsTest {
    private final TestEngine engine = new TestEngine();
    private final RecordingChannel apple = engine.channels.get(ChannelKind.APPLE_MDM);
    private final RecordingChannel android = engine.channels.get(ChannelKind.ANDROID_MANAGEMENT);
    private final RecordingChannel windows = engine.channels.get(ChannelKind.WINDOWS_MDM);
    private final Device iphone = engine.add(TestDevices.ios().build());
    private final Device mac = engine.add(TestDevices.macos().build());
    private final Device pixel = engine.add(TestDevices.androidOwner().build());
    private final Device agent = engine.add(TestDevices.pcAgent().build());

    @Test
    void dueCommandsAreHandedToTheirChannelOnce() {
        Submitted s = engine.submit(Action.REMOTE_LOCK, iphone, mac, pixel, agent);

        int handled = engine.wakeups.runOnce();

        assertThat(handled).isEqualTo(3);
        assertThat(apple.handedIds()).containsExactlyInAnyOrder(engine.command(s, iphone).id(),
                engine.command(s, mac).id());
        assertThat(android.handedIds()).containsExactly(engine.command(s, pixel).id());
        assertThat(windows.handedIds()).isEmpty();

        engine.clock.advance(TestEngine.LEASE.multipliedBy(10));
        assertThat(engine.wakeups.runOnce()).isZero();
        assertThat(apple.handedIds()).hasSize(2);
        assertThat(android.handedIds()).hasSize(1);
    }

    @Test
    void aWindowsPartsAreHandedOverAtOnceSoASlowChannelDelaysNoOther() {
        // Apple's part (handed first when parts go one after another) only returns once Android's
        // part has arrived: one after the other, the window would time out instead.
        CountDownLatch androidHanded = new CountDownLatch(1);
        Channel waitingApple = part(ChannelKind.APPLE_MDM, () -> {
            try {
                if (!androidHanded.await(10, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("Android's part waited behind Apple's");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Channel android = part(ChannelKind.ANDROID_MANAGEMENT, androidHanded::countDown);
        engine.submit(Action.REMOTE_LOCK, pixel, iphone);
        Wakeups both = new Wakeups(engine.store.commands, engine.store.commands,
                Map.of(ChannelKind.APPLE_MDM, waitingApple, ChannelKind.ANDROID_MANAGEMENT, android), engine.clock, 50,
                TestEngine.LEASE, Duration.ofSeconds(30), engine.wakeupErrors::add);

        assertThat(both.runOnce()).isEqualTo(2);
        assertThat(engine.wakeupErrors).isEmpty();
    }

    private static Channel part(ChannelKind kind, Runnable onHand) {
        return new Channel() {
            @Override
            public ChannelKind kind() {
                return kind;
            }

            @Override
            public void commandsDue(List<Command> due) {
                onHand.run();
            }
        };
    }

    @Test
    void aFailedChannelGetsTheSameCommandsAgainOnlyAfterTheLease() {
        Submitted s = engine.submit(Action.REMOTE_LOCK, iphone);
        Command cmd = engine.command(s, iphone);
        apple.failNext(1);

        assertThat(engine.wakeups.runOnce()).isZero();
        assertThat(engine.wakeupErrors).singleElement().satisfies(e ->
                assertThat(e).hasMessageContaining("push service unavailable"));
        assertThat(apple.handedIds()).containsExactly(cmd.id());

        engine.clock.advance(TestEngine.LEASE.minusSeconds(1));
        assertThat(engine.wakeups.runOnce()).isZero();
        assertThat(apple.handedIds()).containsExactly(cmd.id());

        engine.clock.advance(Duration.ofSeconds(1));
        assertThat(engine.wakeups.runOnce()).isEqualTo(1);
        assertThat(apple.handedIds()).containsExactly(cmd.id(), cmd.id());

        engine.clock.advance(TestEngine.LEASE.multipliedBy(3));
        engine.wakeups.runOnce();
        assertThat(apple.handedIds()).hasSize(2);
    }

    @Test
    void aFailingChannelHoldsItsWindowUntilTheLeaseThenOnlyPendingCommandsGoAgain() {
        Submitted s = engine.submit(Action.REMOTE_LOCK, iphone, pixel);
        apple.failNext(1);

        engine.wakeups.runOnce();
        // the parts went at once: Android's was handed over although Apple's failed
        assertThat(android.handedIds()).containsExactly(engine.command(s, pixel).id());
        engine.outbox.deliver(iphone.id(), 10, "channel:apple"); // the iPhone checked in meanwhile

        // the window is retried whole after its lease, with only what is still pending (the
        // recording channel leaves Android's command pending: a real one would have sent it)
        engine.clock.advance(TestEngine.LEASE);
        assertThat(engine.wakeups.runOnce()).isEqualTo(1);
        assertThat(android.handedIds()).containsExactly(engine.command(s, pixel).id(), engine.command(s, pixel).id());
        assertThat(apple.handedIds()).containsExactly(engine.command(s, iphone).id());
    }

    @Test
    void commandsAlreadySentAreNotWokenAgain() {
        engine.submit(Action.REMOTE_LOCK, iphone);
        engine.outbox.deliver(iphone.id(), 10, "channel:apple");

        assertThat(engine.wakeups.runOnce()).isZero();
        assertThat(apple.batches()).isEmpty();
    }

    @Test
    void bigRequestsAreHandedOverInBatches() {
        Device[] phones = new Device[120];
        for (int i = 0; i < phones.length; i++) {
            phones[i] = engine.add(TestDevices.ios().build());
        }
        engine.submit(Action.REMOTE_LOCK, phones);

        assertThat(engine.wakeups.runOnce()).isEqualTo(120);

        assertThat(apple.batches()).extracting(List::size).containsExactly(50, 50, 20);
        assertThat(apple.handedIds()).doesNotHaveDuplicates();
    }

    @Test
    void aLeaseHidesARequestFromOtherClaimersUntilItEnds() {
        Submitted older = engine.submit(Action.REMOTE_LOCK, iphone, mac);
        Submitted newer = engine.submit(Action.REMOTE_LOCK, pixel);
        Instant now = engine.clock.instant();
        Instant until = now.plus(TestEngine.LEASE);

        WakeupBatch first = engine.store.commands.claimWakeups(1, now, until).orElseThrow();
        WakeupBatch second = engine.store.commands.claimWakeups(10, now, until).orElseThrow();

        assertThat(first.requestId()).isEqualTo(older.request().id());
        assertThat(first.commands()).hasSize(1);
        assertThat(second.requestId()).isEqualTo(newer.request().id());
        assertThat(engine.store.commands.claimWakeups(10, now, until)).isEmpty();
        WakeupBatch again = engine.store.commands.claimWakeups(10, until, until.plusSeconds(60)).orElseThrow();
        assertThat(again.requestId()).isEqualTo(older.request().id());
        assertThat(again.fromSeq()).isZero();
        assertThat(again.commands()).hasSize(2);
    }

    @Test
    void aStaleDoneNeverSkipsAWindow() {
        Submitted s = engine.submit(Action.REMOTE_LOCK, iphone, mac);
        Instant now = engine.clock.instant();
        WakeupBatch stale = engine.store.commands.claimWakeups(1, now, now.plusSeconds(1)).orElseThrow();
        WakeupBatch takeover = engine.store.commands.claimWakeups(2, now.plusSeconds(2), now.plusSeconds(60))
                .orElseThrow();
        engine.store.commands.wakeupsDone(takeover);
        engine.store.commands.wakeupsDone(stale); // arrives late: must not move the cursor back or on

        assertThat(takeover.commands()).extracting(Command::id)
                .containsExactlyInAnyOrder(engine.command(s, iphone).id(), engine.command(s, mac).id());
        assertThat(engine.store.commands.claimWakeups(10, now.plusSeconds(120), now.plusSeconds(180))).isEmpty();
    }

    @Test
    void theSweepExpiresAndCountsOpenCommands() {
        engine.submit(new ActionSubmission(Action.WIPE, TestEngine.ids(iphone, pixel), null, null,
                Duration.ofMinutes(10)));
        engine.wakeups.runOnce();

        engine.clock.advance(Duration.ofMinutes(11));

        assertThat(engine.wakeups.runOnce()).isEqualTo(2);
        assertThat(engine.store.commands.allCommands()).extracting(Command::state)
                .containsOnly(CommandState.EXPIRED);
    }

    @Test
    void aStoppedLoopHandsOverNothing() {
        engine.submit(Action.REMOTE_LOCK, iphone);
        engine.wakeups.stop();

        engine.wakeups.run();

        assertThat(apple.batches()).isEmpty();
    }

    @Test
    void devicesThatDidNotAnswerAreWokenAgainAfterTheRepushIntervalAndAnsweredOnesAreNot() {
        engine.wakeups.repushingAfter(java.time.Duration.ofMinutes(15));
        Submitted s = engine.submit(Action.REMOTE_LOCK, iphone, mac);
        engine.wakeups.runOnce();
        engine.outbox.deliver(mac.id(), 1, "apple");
        engine.outbox.succeeded(engine.command(s, mac).id(), "locked", "apple");
        assertThat(apple.handedIds()).hasSize(2);

        engine.clock.advance(java.time.Duration.ofMinutes(10));
        engine.wakeups.runOnce();
        assertThat(apple.handedIds()).as("not yet stale").hasSize(2);

        engine.clock.advance(java.time.Duration.ofMinutes(10));
        engine.wakeups.runOnce();
        assertThat(apple.handedIds()).hasSize(3).last().isEqualTo(engine.command(s, iphone).id());

        engine.wakeups.runOnce();
        assertThat(apple.handedIds()).as("one sweep per interval").hasSize(3);
    }
}
