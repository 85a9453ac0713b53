package io.latchkey.simulator.push;

import io.latchkey.simulator.push.PushFaults.Fault;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The fault schedule, on a clock the test moves. */
class PushFaultsTest {
    private final AtomicLong now = new AtomicLong();
    private final PushFaults faults = new PushFaults(now::get);

    @Test
    void fail_the_next_n_then_answer_normally() {
        faults.failNext(2, Fault.SERVER_ERROR);
        assertThat(faults.next()).isEqualTo(Fault.SERVER_ERROR);
        assertThat(faults.next()).isEqualTo(Fault.SERVER_ERROR);
        assertThat(faults.next()).isNull();
        assertThat(faults.injected()).isEqualTo(2);
    }

    @Test
    void an_outage_lasts_its_window_and_a_countdown_goes_first() {
        faults.failFor(Duration.ofSeconds(10), Fault.UNAVAILABLE).failNext(1, Fault.GOAWAY);
        assertThat(faults.next()).isEqualTo(Fault.GOAWAY);
        assertThat(faults.next()).isEqualTo(Fault.UNAVAILABLE);
        now.addAndGet(Duration.ofSeconds(9).toNanos());
        assertThat(faults.next()).isEqualTo(Fault.UNAVAILABLE);
        now.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(faults.next()).isNull();
    }

    @Test
    void a_fraction_fails_about_that_share_and_clear_ends_everything() {
        faults.failFraction(0.3, Fault.TOO_MANY_REQUESTS);
        int failed = 0;
        for (int i = 0; i < 10_000; i++) {
            if (faults.next() != null) {
                failed++;
            }
        }
        assertThat(failed).isBetween(2_600, 3_400);
        faults.failFor(Duration.ofHours(1), Fault.TIMEOUT).failNext(5, Fault.SERVER_ERROR);
        faults.clear();
        assertThat(faults.next()).isNull();
        faults.failFraction(1, Fault.TIMEOUT);
        assertThat(faults.next()).isEqualTo(Fault.TIMEOUT);
    }

    @Test
    void nonsense_is_refused() {
        assertThatThrownBy(() -> faults.failFraction(1.5, Fault.TIMEOUT)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> faults.failNext(-1, Fault.TIMEOUT)).isInstanceOf(IllegalArgumentException.class);
    }
}
