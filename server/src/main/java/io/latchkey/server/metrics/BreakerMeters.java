package io.latchkey.server.metrics;

import io.latchkey.wake.CircuitBreaker;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.function.Supplier;

/**
 * A push service's circuit breaker: {@code latchkey_push_breaker_state{service}} (0 closed, 1 open,
 * 2 half-open) and {@code latchkey_push_breaker_openings_total{service}}. Alert on a state that stays
 * 1: the push service has been down for longer than a cool-down, and devices are not being woken.
 */
public final class BreakerMeters {

    private BreakerMeters() {
    }

    /** @param service a label value: apns, wns */
    public static void bind(String service, Supplier<CircuitBreaker.Snapshot> breaker, MeterRegistry registry) {
        Gauge.builder("latchkey.push.breaker.state", breaker, b -> b.get().state().ordinal())
                .description("Push circuit breaker: 0 closed, 1 open, 2 half-open").tag("service", service)
                .register(registry);
        FunctionCounter.builder("latchkey.push.breaker.openings", breaker, b -> b.get().openings())
                .description("Times the push circuit breaker opened").tag("service", service).register(registry);
    }
}
