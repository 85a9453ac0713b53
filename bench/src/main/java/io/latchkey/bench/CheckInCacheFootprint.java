package io.latchkey.bench;

import io.latchkey.core.action.ChannelKind;
import io.latchkey.core.enrollment.CheckInCache;
import io.latchkey.core.enrollment.CheckInLookup;
import io.latchkey.core.enrollment.DeviceIdentity;
import io.latchkey.core.inventory.Device;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The heap one device takes in the check-in cache: the live heap after a full GC before and after the
 * cache is filled to its capacity with the facts a store read gives (an identity bound to a device of
 * the benchmark fleet, nothing open; each device answered once more from memory, as in steady state), the
 * facts referenced by nothing but the cache. Repeated, median.
 *
 * <p>Usage: {@code CheckInCacheFootprint [devices]} (default 20,000, the server's capacity); prints a
 * markdown row.
 */
public final class CheckInCacheFootprint {

    public static void main(String[] args) throws Exception {
        int devices = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        Instant now = Instant.now();
        UUID user = UUID.randomUUID();
        long[] perEntry = new long[5];
        for (int round = 0; round < perEntry.length; round++) {
            // Each round's facts are made by the look-up as the cache asks, so only the cache holds them.
            CheckInLookup store = fingerprint -> {
                int i = Integer.parseInt(fingerprint.substring(fingerprint.lastIndexOf('-') + 1));
                Device d = Fleet.device(i, 7, user, now);
                String fp = DeviceIdentity.fingerprint(fingerprint.getBytes(StandardCharsets.UTF_8));
                DeviceIdentity identity = new DeviceIdentity(fp, Integer.toHexString(i), user, ChannelKind.APPLE_MDM,
                        now, now.plus(Duration.ofDays(365)), null, null, null).boundTo(d.id(), d.externalId());
                return Optional.of(new CheckInLookup.Facts(identity, Optional.of(d), false));
            };
            CheckInCache cache = new CheckInCache(store, () -> true, devices, Duration.ofHours(1), Clock.systemUTC());
            String[] keys = new String[devices];
            for (int i = 0; i < devices; i++) {
                // About as long as the real key, a SHA-256 in hex (64 characters), and kept by the cache too.
                keys[i] = DeviceIdentity.fingerprint(("fingerprint-" + i).getBytes(StandardCharsets.UTF_8))
                        .substring(0, 56) + "-" + i;
            }
            long before = liveHeap();
            for (String k : keys) {
                cache.recall(k); // read and kept
            }
            for (String k : keys) {
                cache.recall(k); // answered from memory: noted for ClusterChanges, as in steady state
            }
            keys = null;
            long after = liveHeap();
            if (cache.size() != devices) {
                throw new IllegalStateException("the cache kept " + cache.size() + " of " + devices);
            }
            perEntry[round] = (after - before) / devices;
            System.err.printf("bench: round %d: %,d bytes for %,d devices%n", round, after - before, devices);
        }
        java.util.Arrays.sort(perEntry);
        System.out.printf("| check-in cache, %,d quiet devices | heap per device kept (identity, device record, "
                + "key and map entries; median of %d) | %,d bytes |%n", devices, perEntry.length, perEntry[perEntry.length / 2]);
    }

    /** After full collections: System.gc() returns once the collection is done (G1, no concurrent explicit GC). */
    private static long liveHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
