package io.latchkey.wake;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The coalescing rules, on a hand-driven nanosecond clock. */
class WakeQueueTest {
    /** A device to wake: id and token from {@code n}; {@code magic} tells wakes of one device apart. */
    record Target(java.util.UUID deviceId, String token, String magic) implements WakeTarget {
    }

    static Target target(int n, String magic) {
        return new Target(new java.util.UUID(0, n), String.format("%064x", 0xABCDEF00L + n), magic);
    }

    static Target target(int n) {
        return target(n, "magic-" + n);
    }


    private final AtomicLong nanos = new AtomicLong(1_000);
    private final WakeQueue<Target> queue = new WakeQueue<>(nanos::get);
    private static final Instant FIRST = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void wakes_of_one_queued_device_fold_into_one_push_with_the_newest_target() {
        queue.offer(target(1, "a"));
        queue.offer(target(2, "x"));
        queue.offer(target(1, "b"));

        assertThat(queue.size()).isEqualTo(2);
        assertThat(queue.poll().target()).isEqualTo(target(1, "b"));
        assertThat(queue.poll().target()).isEqualTo(target(2, "x"));
        assertThat(queue.poll()).isNull();
    }

    @Test
    void a_wake_during_the_flight_leaves_one_follow_up_released_when_the_flight_ends() {
        queue.offer(target(1, "a"));
        WakeQueue.Attempt<Target> flying = queue.poll();
        queue.offer(target(1, "b"));
        queue.offer(target(1, "c"));

        assertThat(queue.poll()).as("not while in flight").isNull();
        queue.finish(flying.target().deviceId(), null);

        assertThat(queue.poll().target()).isEqualTo(target(1, "c"));
        assertThat(queue.poll()).isNull();
    }

    @Test
    void a_follow_up_for_a_token_just_found_invalid_is_discarded_but_one_for_a_new_token_is_kept() {
        Target sameToken = target(1, "b");
        queue.offer(target(1, "a"));
        queue.finish(queue.poll().target().deviceId(), null);
        queue.poll();
        queue.offer(sameToken);
        queue.finish(sameToken.deviceId(), sameToken.token());
        assertThat(queue.size()).isZero();

        queue.offer(target(1, "c"));
        WakeQueue.Attempt<Target> flying = queue.poll();
        Target newToken = new Target(flying.target().deviceId(), "00ff", "d");
        queue.offer(newToken);
        queue.finish(flying.target().deviceId(), flying.target().token());
        assertThat(queue.poll().target()).isEqualTo(newToken);
    }

    @Test
    void a_retry_is_due_after_its_delay_and_a_newer_wake_replaces_it_without_coming_sooner() {
        queue.offer(target(1, "a"));
        WakeQueue.Attempt<Target> flying = queue.poll();
        boolean kept = queue.afterFailure(new WakeQueue.Attempt<>(flying.target(), FIRST, 1), false, 500);

        assertThat(kept).isTrue();
        queue.offer(target(1, "b"));
        assertThat(queue.size()).isEqualTo(1);
        nanos.addAndGet(499);
        assertThat(queue.poll()).isNull();
        nanos.addAndGet(1);
        WakeQueue.Attempt<Target> retry = queue.poll();
        assertThat(retry.target()).isEqualTo(target(1, "b"));
        assertThat(retry.firstAttempt()).as("a new wake starts a new age").isNull();
        assertThat(retry.failures()).as("but the device's backoff goes on").isEqualTo(1);
    }

    @Test
    void an_expired_failure_is_dropped_unless_a_newer_wake_is_waiting() {
        queue.offer(target(1, "a"));
        WakeQueue.Attempt<Target> flying = queue.poll();
        assertThat(queue.afterFailure(new WakeQueue.Attempt<>(flying.target(), FIRST, 5), true, 100)).isFalse();
        assertThat(queue.size()).isZero();

        queue.offer(target(1, "b"));
        flying = queue.poll();
        queue.offer(target(1, "c"));
        assertThat(queue.afterFailure(new WakeQueue.Attempt<>(flying.target(), FIRST, 5), true, 100)).isTrue();
        nanos.addAndGet(100);
        assertThat(queue.poll().target()).isEqualTo(target(1, "c"));
    }

    @Test
    void take_waits_for_a_wake() throws Exception {
        Thread taker = Thread.ofVirtual().start(() -> {
            try {
                assertThat(queue.take().target()).isEqualTo(target(7));
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        });
        Thread.sleep(50);
        assertThat(taker.isAlive()).isTrue();

        queue.offer(target(7));
        assertThat(taker.join(java.time.Duration.ofSeconds(5))).isTrue();
    }
}
