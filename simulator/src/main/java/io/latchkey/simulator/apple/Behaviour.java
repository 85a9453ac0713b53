package io.latchkey.simulator.apple;

import java.time.Duration;
import java.util.Objects;

/**
 * How a simulated device misbehaves. Rates are fractions of the commands it receives, drawn from the
 * device's seeded random generator so a run can be repeated.
 *
 * @param notNowRate share of commands first answered {@code NotNow}; such a command is executed when
 *                   the server sends it again (Apple, "Handling NotNow status responses")
 * @param errorRate  share of commands failed with a simulated error (domain {@value #SIMULATED_ERROR_DOMAIN})
 * @param latency    waited before each command result is sent
 * @param online     an offline device ignores pushes and polls nothing
 */
public record Behaviour(double notNowRate, double errorRate, Duration latency, boolean online) {

    /** ErrorDomain of injected failures, so they cannot be mistaken for a real device's codes. */
    public static final String SIMULATED_ERROR_DOMAIN = "io.latchkey.simulator";

    /** Always online, answers at once, never NotNow, never fails. */
    public static final Behaviour RELIABLE = new Behaviour(0, 0, Duration.ZERO, true);

    public Behaviour {
        Objects.requireNonNull(latency, "latency");
        if (notNowRate < 0 || errorRate < 0 || notNowRate + errorRate > 1) {
            throw new IllegalArgumentException("rates are fractions in [0, 1] whose sum is at most 1");
        }
        if (latency.isNegative()) {
            throw new IllegalArgumentException("latency cannot be negative");
        }
    }

    public Behaviour withNotNowRate(double rate) {
        return new Behaviour(rate, errorRate, latency, online);
    }

    public Behaviour withErrorRate(double rate) {
        return new Behaviour(notNowRate, rate, latency, online);
    }

    public Behaviour withLatency(Duration value) {
        return new Behaviour(notNowRate, errorRate, value, online);
    }

    public Behaviour withOnline(boolean value) {
        return new Behaviour(notNowRate, errorRate, latency, value);
    }
}
