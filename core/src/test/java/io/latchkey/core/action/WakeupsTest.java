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
    void oneChannelFailingDoesNotHoldBackTheOthers() {
        engine.submit(Action.REMOTE_LOCK, iphone, pixel);
        apple.failNext(1);

        engine.wakeups.runOnce();

        assertThat(android.handedIds()).hasSize(1);
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
    void aLeaseHidesCommandsFromOtherClaimers() {
        engine.submit(Action.REMOTE_LOCK, iphone, mac);
        Instant now = engine.clock.instant();
        Instant until = now.plus(TestEngine.LEASE);

        List<Command> first = engine.store.commands.claimWakeups(ChannelKind.APPLE_MDM, 1, now, until);
        List<Command> second = engine.store.commands.claimWakeups(ChannelKind.APPLE_MDM, 10, now, until);
        List<Command> third = engine.store.commands.claimWakeups(ChannelKind.APPLE_MDM, 10, now, until);

        assertThat(first).hasSize(1);
        assertThat(second).hasSize(1).doesNotContainAnyElementsOf(first);
        assertThat(third).isEmpty();
        assertThat(engine.store.commands.claimWakeups(ChannelKind.APPLE_MDM, 10, until, until.plusSeconds(60)))
                .hasSize(2);
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
}
