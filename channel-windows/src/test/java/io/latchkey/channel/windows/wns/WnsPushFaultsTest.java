package io.latchkey.channel.windows.wns;

import io.latchkey.simulator.push.MockWns;
import io.latchkey.simulator.push.PushFaults.Fault;
import io.latchkey.wake.Backoff;
import io.latchkey.wake.CircuitBreaker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The WNS sender against the simulator's mock WNS with faults injected, over real HTTP: each fault
 * kind is retried with backoff until WNS takes the notification; an outage opens the breaker and
 * every channel gets one notification once WNS is back.
 */
class WnsPushFaultsTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private MockWns wns;
    private WnsPush push;
    private final List<AtomicInteger> woken = new ArrayList<>();

    @BeforeEach
    void start() {
        wns = MockWns.start();
    }

    @AfterEach
    void stop() {
        if (push != null) {
            push.close();
        }
        wns.close();
    }

    private void open(CircuitBreaker.Settings breaker) {
        push = WnsPush.open(new WnsSettings(wns.tokenUrl(), "ms-app://s-1-15-2-1", "secret-value",
                        List.of("127.0.0.1"), true, 1000, 100, Duration.ofMinutes(5)), (d, t, s) -> { },
                Clock.systemUTC(), new Backoff(Duration.ofMillis(100), Duration.ofMillis(400)), breaker,
                Duration.ofMillis(500));
    }

    private List<WnsTarget> channels(int n) {
        List<WnsTarget> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            AtomicInteger count = new AtomicInteger();
            woken.add(count);
            out.add(new WnsTarget(new UUID(0x3A5, i), wns.openChannel(count::incrementAndGet).toString()));
        }
        return out;
    }

    @ParameterizedTest
    @EnumSource(Fault.class)
    void each_fault_kind_is_retried_with_backoff_until_wns_takes_it(Fault fault) throws Exception {
        open(CircuitBreaker.Settings.DEFAULT);
        wns.faults().holdFor(Duration.ofSeconds(1)).failNext(2, fault);
        push.wake(channels(1));
        await("WNS accepted after " + fault, () -> push.stats().accepted() == 1);
        assertThat(wns.faults().injected()).isEqualTo(2);
        assertThat(push.stats().retried()).isGreaterThanOrEqualTo(2);
        await("the device woke", () -> woken.get(0).get() == 1);
        assertThat(push.breaker().state()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void an_outage_opens_the_breaker_and_each_channel_gets_one_notification_when_wns_returns() throws Exception {
        open(new CircuitBreaker.Settings(5, Duration.ofMillis(300)));
        wns.faults().failFor(Duration.ofHours(1), Fault.SERVER_ERROR);
        List<WnsTarget> fleet = channels(20);
        push.wake(fleet);
        await("the breaker opened", () -> push.breaker().state() == CircuitBreaker.State.OPEN);
        await("a probe failed", () -> push.breaker().openings() >= 2);
        assertThat(wns.stats().accepted()).isZero();

        wns.faults().clear();
        await("every channel notified", () -> push.stats().accepted() == fleet.size());
        assertThat(wns.stats().accepted()).as("one notification per channel after the outage").isEqualTo(fleet.size());
        await("every device woke", () -> woken.stream().allMatch(w -> w.get() == 1));
        assertThat(push.breaker().state()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(push.stats().dropped()).isZero();
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(10);
        }
    }
}
