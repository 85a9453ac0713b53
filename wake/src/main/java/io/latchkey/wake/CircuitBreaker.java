package io.latchkey.wake;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * Stops pushing to a push service that is down, so that an outage costs one probe per cool-down
 * instead of a retry storm of every device's push. Only failures of the <em>service</em> count (5xx,
 * no answer, a dropped connection); an answer about one device (its token is dead, too many pushes
 * to it) shows the service is up.
 *
 * <ul>
 *   <li><b>closed</b>: pushes go; {@code failures} service failures in a row open it;</li>
 *   <li><b>open</b>: no push goes (the sender keeps every wake queued, commands stay due in storage);
 *       after {@code coolDown} the next push goes as a probe;</li>
 *   <li><b>half-open</b>: one probe in flight, no other push; its success closes the breaker, its
 *       failure opens it for another cool-down.</li>
 * </ul>
 * Time is {@code System.nanoTime}-like: a wall-clock step must neither end nor stretch a cool-down.
 */
public final class CircuitBreaker {
    private static final Logger log = LoggerFactory.getLogger(CircuitBreaker.class);

    public enum State { CLOSED, OPEN, HALF_OPEN }

    /**
     * @param failures service failures in a row that open the breaker (at least 1)
     * @param coolDown how long it stays open before a probe
     */
    public record Settings(int failures, Duration coolDown) {
        /** 20 failures in a row; a probe every 30 s while the service is down. */
        public static final Settings DEFAULT = new Settings(20, Duration.ofSeconds(30));

        public Settings {
            Objects.requireNonNull(coolDown, "coolDown");
            if (failures < 1 || coolDown.isNegative() || coolDown.isZero()) {
                throw new IllegalArgumentException("need failures >= 1 and a positive cool-down, got " + failures
                        + " and " + coolDown);
            }
        }
    }

    /** The state now, and how many times the breaker opened since start (a probe failing counts again). */
    public record Snapshot(State state, long openings) {
    }

    private final String service;
    private final Settings settings;
    private final LongSupplier nanoTime;
    private final ReentrantLock lock = new ReentrantLock();
    private State state = State.CLOSED;
    private int failuresInARow;
    private long openedAt;
    private long openings;

    public CircuitBreaker(String service, Settings settings, LongSupplier nanoTime) {
        this.service = Objects.requireNonNull(service, "service");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    }

    /**
     * Asks to send one push: 0 when it may go now (in half-open, it is the probe), otherwise the
     * nanoseconds to wait before asking again.
     */
    public long permit() {
        lock.lock();
        try {
            switch (state) {
                case CLOSED -> {
                    return 0;
                }
                case OPEN -> {
                    long left = openedAt + settings.coolDown().toNanos() - nanoTime.getAsLong();
                    if (left > 0) {
                        return left;
                    }
                    state = State.HALF_OPEN;
                    log.info("{} circuit breaker half-open: sending one probe push", service);
                    return 0;
                }
                default -> {
                    // The probe is in flight: wait for its answer, which comes within the transport's timeout.
                    return settings.coolDown().toNanos();
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** The service answered (whatever it said about the device). */
    public void serviceAnswered() {
        lock.lock();
        try {
            failuresInARow = 0;
            if (state != State.CLOSED) {
                state = State.CLOSED;
                log.info("{} circuit breaker closed: the service answers again; pushing resumes", service);
            }
        } finally {
            lock.unlock();
        }
    }

    /** The service failed: a 5xx, no answer, or a dropped connection. */
    public void serviceFailed(String why) {
        lock.lock();
        try {
            failuresInARow++;
            if (state == State.HALF_OPEN || (state == State.CLOSED && failuresInARow >= settings.failures())) {
                boolean probe = state == State.HALF_OPEN;
                state = State.OPEN;
                openedAt = nanoTime.getAsLong();
                openings++;
                log.warn("{} circuit breaker open{}: no pushes for {} ({}); commands stay due", service,
                        probe ? " again (the probe failed)" : " after " + failuresInARow + " failures in a row",
                        settings.coolDown(), why);
            }
            // Open already: failures of pushes sent before it opened change nothing.
        } finally {
            lock.unlock();
        }
    }

    public Snapshot snapshot() {
        lock.lock();
        try {
            return new Snapshot(state, openings);
        } finally {
            lock.unlock();
        }
    }
}
