package io.latchkey.core.enrollment;

import io.latchkey.core.action.ChannelKind;
import io.latchkey.core.inventory.Device;
import io.latchkey.core.testing.MutableClock;
import io.latchkey.core.testing.TestDevices;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the check-in cache keeps, when it answers from memory, and every way it forgets. */
class CheckInCacheTest {
    private final MutableClock clock = new MutableClock();
    private final StubStore store = new StubStore();
    private final AtomicBoolean coherent = new AtomicBoolean(true);
    private final CheckInCache cache = new CheckInCache(store, coherent::get, 3, Duration.ofMinutes(1), clock);
    private final Device device = TestDevices.ios().build();

    @Test
    void aCacheOfNoDevicesReadsTheStoreEveryTime() {
        CheckInCache off = new CheckInCache(store, coherent::get, 0, Duration.ofMinutes(1), clock);
        store.put("fp1", device, false);
        for (int i = 0; i < 3; i++) {
            assertThat(off.recall("fp1").orElseThrow().remembered()).isFalse();
        }
        assertThat(store.reads).isEqualTo(3);
        assertThat(off.size()).isZero();
        assertThat(off.answeredFromMemory()).isZero();
    }

    @Test
    void aQuietDeviceIsReadOnceThenRecalledUntilItExpires() {
        store.put("fp1", device, false);

        assertThat(cache.recall("fp1").orElseThrow().remembered()).as("read from the store").isFalse();
        assertThat(cache.recall("fp1").orElseThrow().remembered()).as("the second from memory").isTrue();
        assertThat(store.reads).isEqualTo(1);
        assertThat(cache.answeredSince(clock.instant())).containsExactly(device.id());

        clock.advance(Duration.ofMinutes(1));
        assertThat(cache.recall("fp1")).isPresent();
        assertThat(store.reads).as("expired: read again").isEqualTo(2);
    }

    @Test
    void lookUpAlwaysReadsTheStore() {
        store.put("fp1", device, false);
        cache.lookUp("fp1");
        cache.lookUp("fp1");
        assertThat(store.reads).isEqualTo(2);
        assertThat(cache.recall("fp1")).isPresent();
        assertThat(store.reads).as("but what it read is kept").isEqualTo(2);
    }

    @Test
    void openCommandsRevokedOrUnboundIdentitiesAndUnknownCertificatesAreNeverKept() {
        store.put("open", device, true);
        store.put("revoked", TestDevices.ios().build(), false);
        store.facts.computeIfPresent("revoked", (k, f) -> new CheckInLookup.Facts(revoked(f.identity()), f.device(),
                false));
        store.put("unbound", TestDevices.ios().build(), false);
        store.facts.computeIfPresent("unbound", (k, f) -> new CheckInLookup.Facts(f.identity(), Optional.empty(),
                false));
        for (String fp : new String[] {"open", "revoked", "unbound", "unknown"}) {
            cache.recall(fp);
            cache.recall(fp);
        }
        assertThat(store.reads).isEqualTo(8);
        assertThat(cache.size()).isZero();
    }

    @Test
    void aFreshReadSeeingCommandsOpenDropsWhatWasKept() {
        store.put("fp1", device, false);
        cache.recall("fp1");
        store.put("fp1", device, true);
        assertThat(cache.lookUp("fp1").orElseThrow().commandsOpen()).isTrue();
        assertThat(cache.recall("fp1").orElseThrow().commandsOpen()).as("read again, not recalled").isTrue();
        assertThat(store.reads).isEqualTo(3);
    }

    @Test
    void forgettingByDeviceByCertificateOrAllMakesTheNextRecallRead() {
        store.put("fp1", device, false);
        cache.recall("fp1");
        cache.forget(device.id());
        cache.recall("fp1");
        assertThat(store.reads).isEqualTo(2);
        cache.forget("fp1");
        cache.recall("fp1");
        assertThat(store.reads).isEqualTo(3);
        cache.forgetAll();
        cache.recall("fp1");
        assertThat(store.reads).isEqualTo(4);
        cache.recall("fp1");
        assertThat(store.reads).isEqualTo(4);
    }

    @Test
    void aReadThatRacedAChangeIsNotKept() {
        store.put("fp1", device, false);
        // The change commits and is forgotten while the read is under way: what the read saw may be
        // from before the commit, so it must not be kept.
        store.duringRead = () -> cache.forget(device.id());
        cache.recall("fp1");
        store.duringRead = () -> { };
        cache.recall("fp1");
        assertThat(store.reads).as("the raced read was not kept").isEqualTo(2);
        cache.recall("fp1");
        assertThat(store.reads).isEqualTo(2);

        cache.forgetAll();
        store.duringRead = cache::forgetAll;
        cache.recall("fp1");
        store.duringRead = () -> { };
        cache.recall("fp1");
        assertThat(store.reads).isEqualTo(4);
    }

    @Test
    void nothingIsKeptOrRecalledWhileTheNodeMayMissOtherNodesChanges() {
        store.put("fp1", device, false);
        cache.recall("fp1");
        coherent.set(false);
        cache.recall("fp1");
        cache.recall("fp1");
        assertThat(store.reads).isEqualTo(3);
        coherent.set(true);
        cache.recall("fp1");
        assertThat(store.reads).as("the entry kept before was dropped, not trusted again").isEqualTo(4);
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void itKeepsNoMoreThanItsRoom() {
        for (int i = 0; i < 5; i++) {
            store.put("fp" + i, TestDevices.ios().build(), false);
            cache.recall("fp" + i);
        }
        assertThat(cache.size()).isEqualTo(3);
        cache.recall("fp4");
        assertThat(store.reads).isEqualTo(6);
    }

    @Test
    void answeredSinceNamesOnlyDevicesAnsweredFromMemoryInTheWindow() {
        Device other = TestDevices.ios().build();
        store.put("fp1", device, false);
        store.put("fp2", other, false);
        cache.recall("fp1");
        cache.recall("fp1");
        Instant mark = clock.instant().plusSeconds(1);
        clock.advance(Duration.ofSeconds(2));
        cache.recall("fp2");
        cache.recall("fp2");
        assertThat(cache.answeredSince(mark)).containsExactly(other.id());
        assertThat(cache.answeredSince(mark.minusSeconds(10))).containsExactlyInAnyOrder(device.id(), other.id());
    }

    @Test
    void aNegativeRoomOrNoTtlIsRefused() {
        assertThatThrownBy(() -> new CheckInCache(store, () -> true, -1, Duration.ofMinutes(1), clock))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CheckInCache(store, () -> true, 1, Duration.ZERO, clock))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static DeviceIdentity revoked(DeviceIdentity i) {
        return new DeviceIdentity(i.fingerprint(), i.serialNumber(), i.userId(), i.channel(), i.issuedAt(),
                i.notAfter(), i.deviceId(), i.externalId(), Instant.parse("2025-01-01T00:00:00Z"));
    }

    /** The store's combined read, counting its calls; {@code duringRead} runs in the middle of one. */
    static final class StubStore implements CheckInLookup {
        final Map<String, Facts> facts = new HashMap<>();
        int reads;
        Runnable duringRead = () -> { };

        void put(String fingerprint, Device device, boolean commandsOpen) {
            DeviceIdentity identity = new DeviceIdentity(DeviceIdentity.fingerprint(fingerprint.getBytes()), "SERIAL", device.enrollingUserId(),
                    ChannelKind.APPLE_MDM, MutableClock.START, MutableClock.START.plus(Duration.ofDays(365)),
                    device.id(), "UDID-" + fingerprint, null);
            facts.put(fingerprint, new Facts(identity, Optional.of(device), commandsOpen));
        }

        @Override
        public Optional<Facts> lookUp(String fingerprint) {
            reads++;
            Optional<Facts> found = Optional.ofNullable(facts.get(fingerprint));
            duringRead.run();
            return found;
        }
    }
}
