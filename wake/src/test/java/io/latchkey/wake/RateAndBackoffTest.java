package io.latchkey.wake;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RateAndBackoffTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void the_bucket_allows_a_tenth_of_a_second_of_burst_then_paces_at_the_rate() {
        AtomicLong nanos = new AtomicLong();
        TokenBucket bucket = new TokenBucket(50, nanos::get);

        for (int i = 0; i < 5; i++) {
            assertThat(bucket.tryAcquire()).isZero();
        }
        assertThat(bucket.tryAcquire()).isEqualTo(SECOND / 50);

        nanos.addAndGet(SECOND / 50);
        assertThat(bucket.tryAcquire()).isZero();
        assertThat(bucket.tryAcquire()).isPositive();

        nanos.addAndGet(60 * SECOND);
        int granted = 0;
        while (bucket.tryAcquire() == 0) {
            granted++;
        }
        assertThat(granted).as("idle time does not pile up").isEqualTo(5);
    }

    @Test
    void at_most_lets_no_one_second_window_take_more_than_the_limit() {
        AtomicLong nanos = new AtomicLong();
        TokenBucket bucket = TokenBucket.atMost(1000, nanos::get);
        long step = SECOND / 10_000; // ask far faster than the limit, every 0.1 ms for 5 s
        java.util.List<Long> granted = new java.util.ArrayList<>();
        for (long t = 0; t < 5 * SECOND; t += step) {
            nanos.set(t);
            if (bucket.tryAcquire() == 0) {
                granted.add(t);
            }
        }
        int busiest = 0;
        for (int i = 0, j = 0; i < granted.size(); i++) {
            while (granted.get(i) - granted.get(j) >= SECOND) {
                j++;
            }
            busiest = Math.max(busiest, i - j + 1);
        }
        assertThat(busiest).isLessThanOrEqualTo(1000).isGreaterThanOrEqualTo(990);
    }

    @Test
    void backoff_doubles_from_one_second_with_jitter_and_stops_at_sixty() {
        Random random = new Random(42);
        for (int failures = 1; failures <= 6; failures++) {
            double base = Math.pow(2, failures - 1);
            Duration delay = Backoff.DEFAULT.delay(failures, random);
            assertThat(delay.toMillis()).isBetween((long) (base * 800), (long) (base * 1200));
        }
        for (int failures : new int[]{7, 10, 64, 1_000_000}) {
            assertThat(Backoff.DEFAULT.delay(failures, random)).isBetween(Duration.ofSeconds(48), Duration.ofSeconds(60));
        }
    }

    @Test
    void backoff_needs_a_positive_initial_delay_under_its_cap() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
