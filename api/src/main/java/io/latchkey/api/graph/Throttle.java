package io.latchkey.api.graph;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per caller: a burst of {@code capacity} requests, refilled at {@code perSecond}.
 * Graph answers a caller past its share with 429 and {@code Retry-After}
 * (https://learn.microsoft.com/graph/throttling); scripts and the SDKs' retry handlers honour it,
 * so one runaway script cannot starve the console and the device endpoints.
 */
final class Throttle {
    private final double capacity;
    private final double perSecond;
    private final Clock clock;
    private final ConcurrentHashMap<Object, double[]> buckets = new ConcurrentHashMap<>();

    Throttle(int capacity, int perSecond, Clock clock) {
        if (capacity < 1 || perSecond < 1) {
            throw new IllegalArgumentException("throttle capacity and rate must be positive");
        }
        this.capacity = capacity;
        this.perSecond = perSecond;
        this.clock = clock;
    }

    /** Takes one request from the caller's bucket: 0 when allowed, else the seconds to wait. */
    long take(Object caller) {
        double now = clock.millis() / 1000.0;
        double[] b = buckets.computeIfAbsent(caller, k -> new double[]{capacity, now});
        synchronized (b) {
            b[0] = Math.min(capacity, b[0] + (now - b[1]) * perSecond);
            b[1] = now;
            if (b[0] >= 1) {
                b[0] -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - b[0]) / perSecond));
        }
    }
}
