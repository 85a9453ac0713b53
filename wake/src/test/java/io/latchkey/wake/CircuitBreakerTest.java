package io.latchkey.wake;

import io.latchkey.wake.CircuitBreaker.State;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The breaker's states on a clock the test moves. */
class CircuitBreakerTest {
    private static final long SECOND = 1_000_000_000L;
    private final AtomicLong now = new AtomicLong(12345);
    private final CircuitBreaker breaker = new CircuitBreaker("APNs",
            new CircuitBreaker.Settings(3, Duration.ofSeconds(30)), now::get);

    @Test
    void a_run_of_service_failures_opens_it_and_an_answer_in_between_resets_the_run() {
        breaker.serviceFailed("500");
        breaker.serviceFailed("500");
        breaker.serviceAnswered(); // e.g. 410 for one device: the service is up
        breaker.serviceFailed("500");
        breaker.serviceFailed("500");
        assertThat(breaker.snapshot().state()).isEqualTo(State.CLOSED);
        assertThat(breaker.permit()).isZero();
        breaker.serviceFailed("no answer");
        assertThat(breaker.snapshot()).isEqualTo(new CircuitBreaker.Snapshot(State.OPEN, 1));
    }

    @Test
    void open_refuses_pushes_until_the_cool_down_then_lets_exactly_one_probe_go() {
        openIt();
        assertThat(breaker.permit()).isEqualTo(30 * SECOND);
        now.addAndGet(29 * SECOND);
        assertThat(breaker.permit()).isEqualTo(SECOND);
        // late failures of pushes sent before it opened do not restart the cool-down
        breaker.serviceFailed("500");
        now.addAndGet(SECOND);
        assertThat(breaker.permit()).as("the probe").isZero();
        assertThat(breaker.snapshot().state()).isEqualTo(State.HALF_OPEN);
        assertThat(breaker.permit()).as("nothing else while the probe is out").isPositive();
        assertThat(breaker.permit()).isPositive();
    }

    @Test
    void a_probe_that_succeeds_closes_it() {
        openIt();
        now.addAndGet(30 * SECOND);
        assertThat(breaker.permit()).isZero();
        breaker.serviceAnswered();
        assertThat(breaker.snapshot()).isEqualTo(new CircuitBreaker.Snapshot(State.CLOSED, 1));
        assertThat(breaker.permit()).isZero();
        assertThat(breaker.permit()).isZero();
        // and it takes a whole new run to open it again
        breaker.serviceFailed("500");
        assertThat(breaker.snapshot().state()).isEqualTo(State.CLOSED);
    }

    @Test
    void a_probe_that_fails_opens_it_for_another_cool_down() {
        openIt();
        now.addAndGet(31 * SECOND);
        assertThat(breaker.permit()).isZero();
        breaker.serviceFailed("503");
        assertThat(breaker.snapshot()).isEqualTo(new CircuitBreaker.Snapshot(State.OPEN, 2));
        assertThat(breaker.permit()).isEqualTo(30 * SECOND);
    }

    @Test
    void settings_are_checked() {
        assertThatThrownBy(() -> new CircuitBreaker.Settings(0, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CircuitBreaker.Settings(1, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private void openIt() {
        for (int i = 0; i < 3; i++) {
            breaker.serviceFailed("500");
        }
        assertThat(breaker.snapshot().state()).isEqualTo(State.OPEN);
    }
}
