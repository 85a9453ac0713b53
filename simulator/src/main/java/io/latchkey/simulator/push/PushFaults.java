package io.latchkey.simulator.push;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * A schedule of faults a push stand-in injects, changeable while it runs: "fail the next N pushes",
 * "fail every push for 10 s", "fail this fraction of pushes". Each push asks {@link #next()} once; the
 * rules are tried in that order (a countdown first, then a window, then a fraction) and the first
 * that applies names the fault. {@link #clear()} ends every rule: the service is back.
 */
public final class PushFaults {

    /** What the stand-in does instead of answering normally. */
    public enum Fault {
        /** HTTP 500 (APNs {@code InternalServerError}). */
        SERVER_ERROR,
        /** HTTP 429 (APNs {@code TooManyRequests}: too many pushes for one device token). */
        TOO_MANY_REQUESTS,
        /** HTTP 503 (APNs {@code ServiceUnavailable}). */
        UNAVAILABLE,
        /** No answer: the connection stalls for the hold time, then closes unanswered. */
        TIMEOUT,
        /** APNs: 503 {@code Shutdown}, then an HTTP/2 GOAWAY and the connection closed; WNS: connection closed. */
        GOAWAY
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final LongSupplier nanoTime;
    private Fault countdownFault;
    private long countdown;
    private Fault windowFault;
    private long windowEndsNanos;
    private Fault fractionFault;
    private double fraction;
    private volatile Duration hold = Duration.ofSeconds(5);
    private long injected;

    public PushFaults() {
        this(System::nanoTime);
    }

    PushFaults(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** The next {@code n} pushes fail with {@code fault}. */
    public PushFaults failNext(int n, Fault fault) {
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative, was " + n);
        }
        lock.lock();
        try {
            countdown = n;
            countdownFault = Objects.requireNonNull(fault, "fault");
        } finally {
            lock.unlock();
        }
        return this;
    }

    /** Every push fails with {@code fault} from now until {@code duration} has passed: an outage. */
    public PushFaults failFor(Duration duration, Fault fault) {
        lock.lock();
        try {
            windowFault = Objects.requireNonNull(fault, "fault");
            windowEndsNanos = nanoTime.getAsLong() + duration.toNanos();
        } finally {
            lock.unlock();
        }
        return this;
    }

    /** Each push fails with {@code fault} with probability {@code p} (0 to 1), until cleared. */
    public PushFaults failFraction(double p, Fault fault) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("p must be between 0 and 1, was " + p);
        }
        lock.lock();
        try {
            fraction = p;
            fractionFault = Objects.requireNonNull(fault, "fault");
        } finally {
            lock.unlock();
        }
        return this;
    }

    /** How long a {@link Fault#TIMEOUT} leaves a push unanswered before the connection closes. */
    public PushFaults holdFor(Duration duration) {
        this.hold = Objects.requireNonNull(duration, "duration");
        return this;
    }

    public Duration hold() {
        return hold;
    }

    /** Ends every rule: pushes are answered normally again. */
    public void clear() {
        lock.lock();
        try {
            countdown = 0;
            windowEndsNanos = nanoTime.getAsLong();
            windowFault = null;
            fraction = 0;
        } finally {
            lock.unlock();
        }
    }

    /** The fault for the push arriving now, or null to answer it normally. */
    public Fault next() {
        lock.lock();
        try {
            Fault fault = null;
            if (countdown > 0) {
                countdown--;
                fault = countdownFault;
            } else if (windowFault != null && windowEndsNanos - nanoTime.getAsLong() > 0) {
                fault = windowFault;
            } else if (fraction > 0 && ThreadLocalRandom.current().nextDouble() < fraction) {
                fault = fractionFault;
            }
            if (fault != null) {
                injected++;
            }
            return fault;
        } finally {
            lock.unlock();
        }
    }

    /** Pushes answered with a fault since start. */
    public long injected() {
        lock.lock();
        try {
            return injected;
        } finally {
            lock.unlock();
        }
    }
}
