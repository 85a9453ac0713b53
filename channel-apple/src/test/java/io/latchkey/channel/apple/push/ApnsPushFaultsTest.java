package io.latchkey.channel.apple.push;

import io.latchkey.simulator.push.PushFaults.Fault;
import io.latchkey.wake.Backoff;
import io.latchkey.wake.CircuitBreaker;
import io.netty.channel.EventLoopGroup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static io.latchkey.channel.apple.push.MockApns.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The APNs sender against the simulator's mock APNs with faults injected, over real HTTP/2 and TLS:
 * every fault kind is retried with backoff until the push is accepted, and an outage opens the
 * circuit breaker, which then lets only probes through, and each device is pushed once when APNs returns.
 */
class ApnsPushFaultsTest {
    private static final Backoff FAST = new Backoff(Duration.ofMillis(100), Duration.ofMillis(400));
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String TOPIC = "com.apple.mgmt.External.2f5b8c4e-1d2c-4f0e-9a51-0c7e3c9d1a77";

    @TempDir
    static Path dir;
    private static EventLoopGroup loop;

    private io.latchkey.simulator.push.MockApns apns;
    private ApnsMdmPush push;
    private final List<AtomicInteger> woken = new ArrayList<>();

    @BeforeAll
    static void setUp() {
        loop = MockApns.newLoop();
    }

    @AfterAll
    static void tearDown() throws Exception {
        MockApns.shutDown(loop);
    }

    @BeforeEach
    void start() {
        apns = io.latchkey.simulator.push.MockApns.start();
    }

    @AfterEach
    void stop() {
        if (push != null) {
            push.close();
        }
        apns.close();
    }

    private void open(CircuitBreaker.Settings breaker, Duration answerTimeout) throws Exception {
        Path pem = apns.writeServerCertificatePem(dir.resolve("apns-" + apns.port() + ".pem"));
        push = new ApnsMdmPush(MockApns.client(apns.port(), pem, loop), (id, token, since) -> { },
                Clock.systemUTC(), 1000, 100, Duration.ofMinutes(5), FAST, breaker, answerTimeout);
    }

    private List<PushTarget> devices(int n) {
        List<PushTarget> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] token = new byte[32];
            token[0] = 1;
            token[31] = (byte) i;
            token[30] = (byte) (i >> 8);
            AtomicInteger count = new AtomicInteger();
            woken.add(count);
            String magic = "magic-" + i;
            apns.register(token, () -> magic, count::incrementAndGet);
            out.add(new PushTarget(new UUID(0xFA17, i), HexFormat.of().formatHex(token), magic, TOPIC));
        }
        return out;
    }

    @ParameterizedTest
    @EnumSource(Fault.class)
    void each_fault_kind_is_retried_with_backoff_until_apns_accepts(Fault fault) throws Exception {
        open(CircuitBreaker.Settings.DEFAULT, Duration.ofMillis(500));
        apns.faults().holdFor(Duration.ofSeconds(1)).failNext(2, fault);
        push.wake(devices(1));

        await(WAIT, "APNs accepted the push after " + fault, () -> push.stats().accepted() == 1);
        assertThat(apns.faults().injected()).isEqualTo(2);
        assertThat(push.stats().retried()).as("retried after each fault").isGreaterThanOrEqualTo(2);
        assertThat(push.stats().dropped()).isZero();
        await(WAIT, "the device woke", () -> woken.get(0).get() == 1);
        assertThat(push.breaker().state()).as("two failures do not open the breaker")
                .isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void an_outage_opens_the_breaker_only_probes_go_and_each_device_is_pushed_once_when_apns_returns()
            throws Exception {
        open(new CircuitBreaker.Settings(5, Duration.ofMillis(300)), Duration.ofSeconds(2));
        apns.faults().failFor(Duration.ofHours(1), Fault.UNAVAILABLE);
        List<PushTarget> fleet = devices(30);
        push.wake(fleet);

        await(WAIT, "the breaker opened", () -> push.breaker().state() == CircuitBreaker.State.OPEN);
        await(WAIT, "every first push answered", () -> push.stats().retried() >= fleet.size());
        long atOpen = apns.stats().received();
        long openingsAtOpen = push.breaker().openings();
        await(WAIT, "two probes failed", () -> push.breaker().openings() >= openingsAtOpen + 2);
        long probes = apns.stats().received() - atOpen;
        long reopenings = push.breaker().openings() - openingsAtOpen;
        assertThat(probes).as("while open only one probe per cool-down reaches APNs")
                .isBetween(reopenings, reopenings + 1);
        assertThat(apns.stats().accepted()).isZero();

        apns.faults().clear();
        await(WAIT, "every device's push accepted", () -> push.stats().accepted() == fleet.size());
        assertThat(apns.stats().accepted()).as("each device pushed once after the outage").isEqualTo(fleet.size());
        await(WAIT, "every device woke", () -> woken.stream().allMatch(w -> w.get() == 1));
        assertThat(push.breaker().state()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(push.stats().dropped()).isZero();
        assertThat(push.stats().queued()).isZero();
    }
}
