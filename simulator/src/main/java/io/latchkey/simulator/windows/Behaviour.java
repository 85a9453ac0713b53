package io.latchkey.simulator.windows;

import java.time.Duration;
import java.util.Objects;

/**
 * How a simulated Windows device behaves. The error rate is a fraction of the server's commands,
 * drawn from the device's seeded random generator so a run can be repeated.
 *
 * @param online      an offline device ignores pushes and opens no session
 * @param latency     waited before each SyncML message the device sends in a session
 * @param errorRate   share of commands answered 500 (command failed) instead of being executed
 * @param pinSet      whether the device has a PIN (or password): RemoteLock/Lock answers 405 without one (§3.1)
 * @param currentUser who is signed in, reported as LoginStatus
 */
public record Behaviour(boolean online, Duration latency, double errorRate, boolean pinSet, CurrentUser currentUser) {

    /** Online, answers at once, never fails, a PIN set, the enrolling user signed in. */
    public static final Behaviour RELIABLE = new Behaviour(true, Duration.ZERO, 0, true, CurrentUser.ENROLLED_USER);

    public Behaviour {
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(currentUser, "currentUser");
        if (errorRate < 0 || errorRate > 1) {
            throw new IllegalArgumentException("errorRate is a fraction in [0, 1]");
        }
        if (latency.isNegative()) {
            throw new IllegalArgumentException("latency cannot be negative");
        }
    }

    public Behaviour withOnline(boolean value) {
        return new Behaviour(value, latency, errorRate, pinSet, currentUser);
    }

    public Behaviour withLatency(Duration value) {
        return new Behaviour(online, value, errorRate, pinSet, currentUser);
    }

    public Behaviour withErrorRate(double value) {
        return new Behaviour(online, latency, value, pinSet, currentUser);
    }

    public Behaviour withPinSet(boolean value) {
        return new Behaviour(online, latency, errorRate, value, currentUser);
    }

    public Behaviour withCurrentUser(CurrentUser value) {
        return new Behaviour(online, latency, errorRate, pinSet, value);
    }
}
