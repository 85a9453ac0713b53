package io.latchkey.server.metrics;

import io.latchkey.wake.CircuitBreaker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class BreakerMetersTest {

    @Test
    void state_and_openings_follow_the_breaker_after_a_garbage_collection() {
        AtomicLong now = new AtomicLong();
        CircuitBreaker breaker = new CircuitBreaker("APNs", new CircuitBreaker.Settings(1, Duration.ofSeconds(1)),
                now::get);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        BreakerMeters.bind("apns", breaker, CircuitBreaker::snapshot, registry);
        System.gc();

        assertThat(registry.get("latchkey.push.breaker.state").tag("service", "apns").gauge().value()).isZero();
        breaker.serviceFailed("503");
        assertThat(registry.get("latchkey.push.breaker.state").gauge().value()).isEqualTo(1.0);
        assertThat(registry.get("latchkey.push.breaker.openings").functionCounter().count()).isEqualTo(1.0);
        now.addAndGet(Duration.ofSeconds(1).toNanos());
        breaker.permit();
        assertThat(registry.get("latchkey.push.breaker.state").gauge().value()).isEqualTo(2.0);
    }
}
