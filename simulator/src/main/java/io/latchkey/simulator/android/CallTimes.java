package io.latchkey.simulator.android;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * When the API calls arrived, for the rate a client kept: the most calls in any one-second window
 * (sliding, not per wall-clock second, which would hide a burst straddling two seconds).
 */
final class CallTimes {
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private final ArrayDeque<Long> lastSecond = new ArrayDeque<>();
    private long peak;

    /** One call, now. The time is read under the lock so that arrivals are in order. */
    synchronized void count() {
        long now = System.nanoTime();
        lastSecond.addLast(now);
        while (now - lastSecond.peekFirst() >= SECOND) {
            lastSecond.removeFirst();
        }
        peak = Math.max(peak, lastSecond.size());
    }

    synchronized long peak() {
        return peak;
    }

    synchronized void reset() {
        lastSecond.clear();
        peak = 0;
    }
}
