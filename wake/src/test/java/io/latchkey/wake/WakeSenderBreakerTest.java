package io.latchkey.wake;

import io.latchkey.wake.CircuitBreaker.State;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sender with its breaker, over a hand-written transport and a clock the test moves (both the
 * monotonic time of retries and cool-downs, and the wall clock of retry ages).
 */
class WakeSenderBreakerTest {
    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong nanos = new AtomicLong();
    private final Clock wall = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.EPOCH.plusNanos(nanos.get());
        }
    };
    private final ScriptedTransport transport = new ScriptedTransport();
    private WakeSender<Target> sender;

    record Target(UUID deviceId, String token) implements WakeTarget {
    }

    /** Answers each push with what {@code answer} says now, and remembers which devices were pushed. */
    static final class ScriptedTransport implements WakeTransport<Target> {
        final AtomicReference<Function<Target, CompletableFuture<WakeOutcome>>> answer = new AtomicReference<>(
                t -> CompletableFuture.completedFuture(new WakeOutcome.Accepted()));
        final List<UUID> sent = new CopyOnWriteArrayList<>();
        final Map<UUID, Integer> accepted = new ConcurrentHashMap<>();

        @Override
        public String name() {
            return "Test";
        }

        @Override
        public CompletableFuture<WakeOutcome> send(Target target) {
            sent.add(target.deviceId());
            CompletableFuture<WakeOutcome> a = answer.get().apply(target);
            a.thenAccept(o -> {
                if (o instanceof WakeOutcome.Accepted) {
                    accepted.merge(target.deviceId(), 1, Integer::sum);
                }
            });
            return a;
        }

        @Override
        public void close() {
        }
    }

    @AfterEach
    void close() {
        if (sender != null) {
            sender.close();
        }
    }

    private void start() {
        // One push awaiting an answer at a time, so the run of failures that opens the breaker is exact.
        sender = new WakeSender<>(transport, (d, t, s) -> { }, wall, 1000, 1, Duration.ofMinutes(2),
                new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(4)),
                new CircuitBreaker.Settings(3, Duration.ofSeconds(30)), nanos::get);
    }

    private static List<Target> devices(int n) {
        List<Target> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new Target(new UUID(7, i), "token-" + i));
        }
        return out;
    }

    @Test
    void an_outage_opens_the_breaker_stops_sending_and_every_device_is_pushed_once_when_the_service_returns()
            throws Exception {
        transport.answer.set(t -> CompletableFuture.completedFuture(new WakeOutcome.Unavailable("503")));
        start();
        List<Target> fleet = devices(10);
        sender.wake(fleet);
        await(() -> sender.breaker().state() == State.OPEN);
        assertThat(transport.sent).hasSize(3);

        // Open: nothing goes, however long the outage, and no wake is given up for age.
        nanos.addAndGet(5 * SECOND);
        Thread.sleep(300);
        nanos.addAndGet(20 * SECOND);
        Thread.sleep(300);
        assertThat(transport.sent).hasSize(3);

        // The cool-down ends with the service still down: one probe, which fails, and it opens again.
        nanos.addAndGet(6 * SECOND);
        await(() -> sender.breaker().openings() == 2);
        assertThat(transport.sent).hasSize(4);
        assertThat(sender.breaker().state()).isEqualTo(State.OPEN);

        // The service returns; well past the 2-minute retry age, yet nothing was dropped.
        transport.answer.set(t -> CompletableFuture.completedFuture(new WakeOutcome.Accepted()));
        nanos.addAndGet(300 * SECOND);
        await(() -> transport.accepted.size() == fleet.size());
        assertThat(sender.breaker().state()).isEqualTo(State.CLOSED);
        assertThat(transport.accepted.values()).as("each device accepted once").containsOnly(1);
        assertThat(sender.stats().dropped()).isZero();
        assertThat(sender.stats().queued()).isZero();
    }

    @Test
    void pushes_that_get_no_answer_count_as_the_service_failing() throws Exception {
        transport.answer.set(t -> CompletableFuture.failedFuture(new java.io.IOException("connection reset")));
        start();
        sender.wake(devices(5));
        await(() -> sender.breaker().state() == State.OPEN);
        assertThat(transport.sent).hasSize(3);
    }

    @Test
    void answers_about_one_device_do_not_open_it() throws Exception {
        // 429 for a device (too many pushes to it) and a dead token: the service is up.
        transport.answer.set(t -> CompletableFuture.completedFuture(t.token().endsWith("0")
                ? new WakeOutcome.TokenInvalid(null, "410") : new WakeOutcome.Retry("429 TooManyRequests")));
        start();
        sender.wake(devices(10));
        await(() -> transport.sent.size() >= 10);
        for (int round = 0; round < 3; round++) {
            int before = transport.sent.size();
            nanos.addAndGet(5 * SECOND);
            await(() -> transport.sent.size() >= before + 9);
        }
        assertThat(transport.sent.size()).isGreaterThanOrEqualTo(37);
        assertThat(sender.breaker()).isEqualTo(new CircuitBreaker.Snapshot(State.CLOSED, 0));
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 500 && !condition.getAsBoolean(); i++) {
            Thread.sleep(20);
        }
        assertThat(condition.getAsBoolean()).as("condition reached within 10 s").isTrue();
    }
}
