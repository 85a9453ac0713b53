package io.latchkey.server.metrics;

import io.latchkey.wake.CircuitBreaker;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.function.Function;

/**
 * A push service's circuit breaker: {@code latchkey_push_breaker_state{service}} (0 closed, 1 open,
 * 2 half-open) and {@code latchkey_push_breaker_openings_total{service}}. Alert on a state that stays
 * 1: the push service has been down for longer than a cool-down, and devices are not being woken.
 */
public final class BreakerMeters {

    private BreakerMeters() {
    }

    /**
     * @param service a label value: apns, wns
     * @param owner   the push sender the breaker belongs to; Micrometer holds it only weakly, so it must
     *                be an object the application keeps (a method reference nobody holds would be
     *                collected, and the meters would read NaN)
     */
    public static <T> void bind(String service, T owner, Function<T, CircuitBreaker.Snapshot> breaker,
                                MeterRegistry registry) {
        Gauge.builder("latchkey.push.breaker.state", owner, o -> breaker.apply(o).state().ordinal())
                .description("Push circuit breaker: 0 closed, 1 open, 2 half-open").tag("service", service)
                .register(registry);
        FunctionCounter.builder("latchkey.push.breaker.openings", owner, o -> breaker.apply(o).openings())
                .description("Times the push circuit breaker opened").tag("service", service).register(registry);
    }
}
