package io.latchkey.wake;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with jitter: {@code initial}, twice that, four times… capped at {@code max}.
 * Each delay is spread by ±20% so that devices which failed together (a push service outage) do not all
 * come back in the same instant.
 */
public record Backoff(Duration initial, Duration max) {

    /** 1 s, 2 s, 4 s … 60 s: what push services (APNs, WNS) recover from. */
    public static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60));

    public Backoff {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("need 0 < initial <= max, got " + initial + " and " + max);
        }
    }

    /** The delay before the retry that follows the {@code failures}-th consecutive failure (1-based). */
    public Duration delay(int failures, RandomGenerator random) {
        // Past 2^20 the cap has long been reached; stopping there avoids overflowing the shift.
        int exponent = Math.min(Math.max(failures, 1) - 1, 20);
        double base = Math.min(initial.toNanos() * (double) (1L << exponent), max.toNanos());
        double jittered = base * (0.8 + 0.4 * random.nextDouble());
        return Duration.ofNanos((long) Math.min(jittered, max.toNanos()));
    }
}
