package io.latchkey.core.action;

import io.latchkey.core.capability.Action;
import io.latchkey.core.enrollment.CheckInCache;
import io.latchkey.core.enrollment.CheckInLookup;
import io.latchkey.core.enrollment.DeviceIdentity;
import io.latchkey.core.inventory.Device;
import io.latchkey.core.inventory.Page;
import io.latchkey.core.testing.MutableClock;
import io.latchkey.core.testing.TestDevices;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The notification gap: another node stores a lock and pushes; the device checks in here before this
 * node has heard of it and is answered "nothing" from memory. When the notification arrives, this node
 * pushes that device again, and nothing else.
 */
class ClusterChangesTest {
    private final MutableClock clock = new MutableClock();
    private final Map<UUID, Boolean> commandsOpen = new HashMap<>();
    private final Map<UUID, Command> open = new HashMap<>();
    private final AtomicInteger storeReads = new AtomicInteger();
    private final Map<String, Device> devices = new HashMap<>();
    private final CheckInCache cache = new CheckInCache(this::read, () -> true, 100, Duration.ofMinutes(1), clock);
    private final List<List<Command>> pushedAgain = new ArrayList<>();
    private final AtomicInteger pokes = new AtomicInteger();
    private final ClusterChanges changes = new ClusterChanges(cache, new OpenCommands(), pushedAgain::add,
            pokes::incrementAndGet, Duration.ofMillis(50), Duration.ofSeconds(30), clock);

    @Test
    void aDeviceAnsweredFromMemoryInTheGapIsPushedAgainWhenTheNotificationArrives() {
        Device inGap = enrolled("gap");
        Device justBefore = enrolled("before");
        Device neverRecalled = enrolled("fresh");
        cache.recall("gap");
        cache.recall("before");
        clock.advance(Duration.ofSeconds(5));
        cache.recall("before"); // from memory, 100 ms before the commit: right then, and the commit's push follows
        clock.advance(Duration.ofMillis(100));
        // Another node commits a lock for all three, announces it and pushes; one device checks in here at once.
        java.time.Instant committed = clock.instant();
        Command lock = lockFor(inGap);
        lockFor(justBefore);
        lockFor(neverRecalled);
        clock.advance(Duration.ofMillis(5));
        assertThat(cache.recall("gap").orElseThrow().commandsOpen()).as("from memory: the gap").isFalse();
        clock.advance(Duration.ofMillis(5));

        assertThat(changes.heard(true, committed)).isEqualTo(1);

        assertThat(pushedAgain).containsExactly(List.of(lock));
        assertThat(pokes).hasValue(1);
        assertThat(cache.recall("gap").orElseThrow().commandsOpen()).as("read afresh").isTrue();
    }

    @Test
    void whenSinceWhenIsUnknownEveryAnswerOfTheGapCounts() {
        Device d = enrolled("old");
        cache.recall("old");
        cache.recall("old");
        clock.advance(Duration.ofSeconds(10));
        lockFor(d);

        assertThat(changes.heard(true, null)).as("the listener reconnected: answered 10 s ago, within the gap")
                .isEqualTo(1);
        assertThat(pushedAgain).hasSize(1);
    }

    @Test
    void anAnnouncementTimeFromAClockFarAheadOrBehindIsKeptWithinTheGap() {
        answeredFromMemoryThenLocked("gap");
        clock.advance(Duration.ofSeconds(1));
        changes.heard(true, clock.instant().minus(Duration.ofHours(1)));
        assertThat(pushedAgain).as("a clock an hour behind: the last 30 s count").hasSize(1);

        answeredFromMemoryThenLocked("other");
        clock.advance(Duration.ofMillis(1));
        changes.heard(true, clock.instant().plus(Duration.ofHours(1)));
        assertThat(pushedAgain).as("a clock an hour ahead: nothing answered after now").hasSize(1);
    }

    /** A quiet device read into the cache, then locked here without the cache being told, then answered from memory. */
    private void answeredFromMemoryThenLocked(String fingerprint) {
        Device d = enrolled(fingerprint);
        cache.recall(fingerprint);
        lockFor(d);
        cache.recall(fingerprint);
    }

    @Test
    void itsOwnNotificationPushesNothingAgainSinceItsPushFollowedTheCommit() {
        Device d = enrolled("gap");
        cache.recall("gap");
        cache.recall("gap");
        lockFor(d);

        changes.storedHere();
        assertThat(changes.heard(false, clock.instant())).isZero();

        assertThat(pushedAgain).isEmpty();
        assertThat(pokes).hasValue(2);
        assertThat(cache.recall("gap").orElseThrow().commandsOpen()).isTrue();
    }

    @Test
    void devicesAnsweredButWithNothingOpenNowAreNotPushed() {
        enrolled("quiet");
        cache.recall("quiet");
        cache.recall("quiet");
        changes.heard(true, clock.instant().minusSeconds(1));
        assertThat(pushedAgain).isEmpty();
    }

    private Device enrolled(String fingerprint) {
        Device d = TestDevices.ios().build();
        devices.put(fingerprint, d);
        commandsOpen.put(d.id(), false);
        return d;
    }

    private Command lockFor(Device d) {
        Command c = new Command(UUID.randomUUID(), UUID.randomUUID(), d.id(), Action.REMOTE_LOCK,
                ChannelKind.APPLE_MDM, CommandState.PENDING, null, Map.of(), clock.instant(), clock.instant(),
                clock.instant().plus(Duration.ofDays(1)));
        open.put(d.id(), c);
        commandsOpen.put(d.id(), true);
        return c;
    }

    private Optional<CheckInLookup.Facts> read(String fingerprint) {
        storeReads.incrementAndGet();
        Device d = devices.get(fingerprint);
        DeviceIdentity identity = new DeviceIdentity(DeviceIdentity.fingerprint(fingerprint.getBytes()), "SERIAL", d.enrollingUserId(), ChannelKind.APPLE_MDM,
                MutableClock.START, MutableClock.START.plus(Duration.ofDays(365)), d.id(), "UDID", null);
        return Optional.of(new CheckInLookup.Facts(identity, Optional.of(d), commandsOpen.get(d.id())));
    }

    /** The history's one question here: each device's open command. */
    private final class OpenCommands implements CommandHistory {
        @Override
        public Map<UUID, Command> openOf(Collection<UUID> deviceIds) {
            Map<UUID, Command> out = new HashMap<>();
            deviceIds.forEach(id -> Optional.ofNullable(open.get(id)).ifPresent(c -> out.put(id, c)));
            return out;
        }

        @Override
        public Optional<Command> find(UUID commandId) {
            return Optional.empty();
        }

        @Override
        public Page<Command> ofRequest(UUID requestId, CommandState state, String cursor, int limit) {
            return new Page<>(List.of(), null);
        }

        @Override
        public Page<Command> ofDevice(UUID deviceId, String cursor, int limit) {
            return new Page<>(List.of(), null);
        }

        @Override
        public List<CommandEvent> events(UUID commandId) {
            return List.of();
        }

        @Override
        public Map<CommandState, Long> countByState(UUID requestId) {
            return Map.of();
        }
    }
}
