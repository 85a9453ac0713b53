package io.latchkey.wake;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * A token bucket: {@code ratePerSecond} tokens a second, holding at most {@code burst}. The burst is
 * kept small (a tenth of a second's worth) so that the rate holds over short windows as well.
 * Time is {@code System.nanoTime}, not the wall clock: a clock step must not release a flood.
 */
public final class TokenBucket {

    private final ReentrantLock lock = new ReentrantLock();
    private final LongSupplier nanoTime;
    private final double nanosPerToken;
    private final double burst;
    private double tokens;
    private long refilledAt;

    public TokenBucket(int ratePerSecond, LongSupplier nanoTime) {
        this(ratePerSecond, Math.max(1, ratePerSecond / 10), nanoTime);
    }

    private TokenBucket(double ratePerSecond, double burst, LongSupplier nanoTime) {
        if (ratePerSecond < 1) {
            throw new IllegalArgumentException("ratePerSecond must be at least 1, was " + ratePerSecond);
        }
        this.nanoTime = nanoTime;
        this.nanosPerToken = TimeUnit.SECONDS.toNanos(1) / ratePerSecond;
        this.burst = burst;
        this.tokens = burst;
        this.refilledAt = nanoTime.getAsLong();
    }

    /**
     * A bucket no one-second window can take more than {@code limit} tokens from: refilled at
     * {@code limit} less its burst (a tenth), so a full burst plus a second's refill is the limit. For
     * a quota counted per second by the other side (Google's API, for instance).
     */
    public static TokenBucket atMost(int limit, LongSupplier nanoTime) {
        if (limit < 2) {
            return new TokenBucket(1, 1, nanoTime);
        }
        double burst = Math.max(1, limit / 10);
        return new TokenBucket(limit - burst, burst, nanoTime);
    }

    /** Takes one token, sleeping (a virtual thread parks cheaply) until one is there. */
    public void acquire() throws InterruptedException {
        while (true) {
            long waitNanos = tryAcquire();
            if (waitNanos == 0) {
                return;
            }
            TimeUnit.NANOSECONDS.sleep(waitNanos);
        }
    }

    /** Takes a token and returns 0, or returns how long until one is there. */
    public long tryAcquire() {
        lock.lock();
        try {
            long now = nanoTime.getAsLong();
            tokens = Math.min(burst, tokens + (now - refilledAt) / nanosPerToken);
            refilledAt = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - tokens) * nanosPerToken));
        } finally {
            lock.unlock();
        }
    }
}
