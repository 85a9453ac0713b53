package io.latchkey.channel.apple.push;

import io.latchkey.wake.Backoff;

import com.eatthepath.pushy.apns.server.MockApnsServer;
import com.eatthepath.pushy.apns.server.RejectedNotificationException;
import com.eatthepath.pushy.apns.server.RejectionReason;
import com.eatthepath.pushy.apns.server.UnregisteredDeviceTokenException;
import io.netty.channel.EventLoopGroup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.latchkey.channel.apple.push.MockApns.await;
import static org.assertj.core.api.Assertions.assertThat;

/** The sender against Pushy's MockApnsServer over real HTTP/2 + TLS on loopback. */
class ApnsMdmPushTest {

    /** Short delays so retries fit in a test; production uses {@link Backoff#DEFAULT}. */
    private static final Backoff FAST = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1));
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    static Path dir;
    private static EventLoopGroup loop;
    private static Path serverPem;

    private record Invalid(UUID deviceId, String token, Instant since) {
    }

    private final MockApns.Recorder recorder = new MockApns.Recorder();
    private final List<Invalid> invalid = new CopyOnWriteArrayList<>();
    private final PushFeedback feedback = (id, token, since) -> invalid.add(new Invalid(id, token, since));
    private final List<MockApnsServer> servers = new ArrayList<>();
    private ApnsMdmPush push;

    @BeforeAll
    static void setUp() throws Exception {
        loop = MockApns.newLoop();
        serverPem = MockApns.pem(dir, "server.pem", MockApns.SERVER_CERT);
    }

    @AfterAll
    static void tearDown() throws Exception {
        MockApns.shutDown(loop);
    }

    @AfterEach
    void stop() throws Exception {
        if (push != null) {
            push.close();
        }
        for (MockApnsServer server : servers) {
            server.shutdown().get();
        }
    }

    private int startServer(int port) throws Exception {
        MockApnsServer server = MockApns.server(recorder, loop, null);
        servers.add(server);
        return server.start(port).get();
    }

    private ApnsMdmPush pushTo(int port, int pushesPerSecond, Duration maxRetryAge, Clock clock, Backoff backoff)
            throws Exception {
        push = new ApnsMdmPush(MockApns.client(port, serverPem, loop), feedback, clock, pushesPerSecond, 100,
                maxRetryAge, backoff);
        return push;
    }

    private ApnsMdmPush pushTo(int port) throws Exception {
        return pushTo(port, 1000, Duration.ofSeconds(30), Clock.systemUTC(), FAST);
    }

    static PushTarget target(int n, String magic) {
        return new PushTarget(new UUID(0xD0D0, n), String.format("%064x", 0xABCDEF00L + n), magic,
                "com.apple.mgmt.External.2f5b8c4e-1d2c-4f0e-9a51-0c7e3c9d1a77");
    }

    static PushTarget target(int n) {
        return target(n, "magic-" + n);
    }

    @Test
    void sends_exactly_the_mdm_payload_with_push_type_mdm_and_the_device_topic_to_its_token_path() throws Exception {
        pushTo(startServer(0));
        PushTarget device = target(1, "5E4B4A10-8C1B-4C4C-9A0D-3C1F6C1B2A77");

        push.wake(List.of(device));

        await(WAIT, "APNs accepted the push", () -> push.stats().accepted() == 1);
        assertThat(recorder.received).singleElement().satisfies(r -> {
            assertThat(r.path()).isEqualTo("/3/device/" + device.token());
            assertThat(r.payload()).isEqualTo("{\"mdm\":\"5E4B4A10-8C1B-4C4C-9A0D-3C1F6C1B2A77\"}");
            assertThat(r.pushType()).isEqualTo("mdm");
            assertThat(r.topic()).isEqualTo(device.topic());
        });
        assertThat(push.stats()).isEqualTo(new PushStats(1, 0, 0, 0, 0));
    }

    @Test
    void the_push_magic_is_json_escaped() {
        assertThat(ApnsMdmPush.payload("a\"b\\c\n")).isEqualTo("{\"mdm\":\"a\\\"b\\\\c\\u000a\"}");
    }

    @Test
    void a_thousand_wakes_for_ten_devices_coalesce_and_each_device_is_pushed_after_its_last_wake() throws Exception {
        pushTo(startServer(0));
        long[] lastWake = new long[10];
        String[] lastMagic = new String[10];

        for (int i = 0; i < 1000; i++) {
            int n = i % 10;
            lastMagic[n] = "magic-" + n + "-" + i;
            lastWake[n] = System.nanoTime();
            push.wake(List.of(target(n, lastMagic[n])));
        }

        // Each wake carries a new PushMagic, so a push with the last one was sent after the last wake.
        await(WAIT, "every device got a push with the PushMagic of its last wake", () -> {
            for (int n = 0; n < 10; n++) {
                String newest = "{\"mdm\":\"" + lastMagic[n] + "\"}";
                if (recorder.forToken(target(n).token()).stream().noneMatch(r -> r.payload().equals(newest))) {
                    return false;
                }
            }
            return true;
        });
        await(WAIT, "nothing is queued or in flight", () -> push.stats().queued() == 0
                && push.stats().accepted() == recorder.received.size());
        for (int n = 0; n < 10; n++) {
            List<MockApns.Received> pushes = recorder.forToken(target(n).token());
            MockApns.Received last = pushes.get(pushes.size() - 1);
            assertThat(last.payload()).as("the newest PushMagic wins").isEqualTo("{\"mdm\":\"" + lastMagic[n] + "\"}");
            assertThat(last.atNanos() - lastWake[n]).isPositive();
        }
        assertThat(recorder.received.size()).as("pushes for 1,000 wakes").isBetween(10, 100);
    }

    @Test
    void holds_to_pushes_per_second() throws Exception {
        pushTo(startServer(0), 50, Duration.ofSeconds(30), Clock.systemUTC(), FAST);
        List<PushTarget> hundred = new ArrayList<>();
        for (int n = 0; n < 100; n++) {
            hundred.add(target(n));
        }

        long start = System.nanoTime();
        push.wake(hundred);
        await(WAIT, "100 pushes arrived", () -> recorder.received.size() == 100);

        Duration took = Duration.ofNanos(recorder.received.get(99).atNanos() - start);
        // 50/s with a burst of 5: about 1.9 s. Asserted loosely; this is not a benchmark.
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void an_invalid_token_is_reported_once_with_its_timestamp_and_never_retried() throws Exception {
        Instant unregisteredAt = Instant.parse("2026-03-01T09:00:00.123Z");
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        PushTarget unregistered = target(1);
        PushTarget badToken = target(2);
        recorder.rule = (push, earlier) -> {
            if (push.token().equals(unregistered.token())) {
                throw new UnregisteredDeviceTokenException(unregisteredAt);
            }
            if (push.token().equals(badToken.token())) {
                throw new RejectedNotificationException(RejectionReason.BAD_DEVICE_TOKEN);
            }
        };
        pushTo(startServer(0), 1000, Duration.ofSeconds(30), Clock.fixed(now, ZoneOffset.UTC), FAST);

        push.wake(List.of(unregistered, badToken));
        await(WAIT, "both tokens were reported", () -> invalid.size() == 2);
        Thread.sleep(400); // a retry, if any, would come after 80-120 ms

        assertThat(invalid).containsExactlyInAnyOrder(
                new Invalid(unregistered.deviceId(), unregistered.token(), unregisteredAt),
                new Invalid(badToken.deviceId(), badToken.token(), now));
        assertThat(recorder.received).hasSize(2);
        assertThat(push.stats()).isEqualTo(new PushStats(0, 2, 0, 0, 0));
    }

    @Test
    void too_many_requests_twice_then_accepted_is_delivered_and_counted_as_retried() throws Exception {
        recorder.rule = (push, earlier) -> {
            if (earlier < 2) {
                throw new RejectedNotificationException(RejectionReason.TOO_MANY_REQUESTS);
            }
        };
        pushTo(startServer(0));

        push.wake(List.of(target(1)));

        await(WAIT, "the third attempt was accepted", () -> push.stats().accepted() == 1);
        assertThat(recorder.received).hasSize(3);
        assertThat(push.stats()).isEqualTo(new PushStats(1, 0, 2, 0, 0));
        assertThat(invalid).isEmpty();
    }

    @Test
    void a_newer_wake_replaces_a_pending_retry_instead_of_adding_one() throws Exception {
        recorder.rule = (push, earlier) -> {
            if (earlier == 0) {
                throw new RejectedNotificationException(RejectionReason.SERVICE_UNAVAILABLE);
            }
        };
        pushTo(startServer(0), 1000, Duration.ofSeconds(30), Clock.systemUTC(),
                new Backoff(Duration.ofMillis(600), Duration.ofSeconds(1)));

        push.wake(List.of(target(1, "old")));
        await(WAIT, "a retry is pending", () -> push.stats().retried() == 1);
        push.wake(List.of(target(1, "new")));
        await(WAIT, "the retry was accepted", () -> push.stats().accepted() == 1);
        Thread.sleep(200);

        assertThat(recorder.received).extracting(MockApns.Received::payload)
                .containsExactly("{\"mdm\":\"old\"}", "{\"mdm\":\"new\"}");
    }

    @Test
    void any_other_refusal_is_counted_rejected_and_not_retried() throws Exception {
        recorder.rule = (push, earlier) -> {
            throw new RejectedNotificationException(RejectionReason.BAD_TOPIC);
        };
        pushTo(startServer(0));

        push.wake(List.of(target(1), target(2)));
        await(WAIT, "both were refused", () -> push.stats().rejected() == 2);
        Thread.sleep(400);

        assertThat(recorder.received).hasSize(2);
        assertThat(invalid).isEmpty();
        assertThat(push.stats()).isEqualTo(new PushStats(0, 2, 0, 0, 0));
    }

    @Test
    void apns_down_at_first_is_retried_and_delivered_once_it_is_up() throws Exception {
        int port = MockApns.freePort();
        pushTo(port, 1000, Duration.ofSeconds(20), Clock.systemUTC(), FAST);

        push.wake(List.of(target(1)));
        await(WAIT, "the refused connection was retried", () -> push.stats().retried() >= 1);
        startServer(port);

        // Pushy itself waits 1 s, then 2 s… between failed connects; delivery follows within a few seconds.
        await(WAIT, "delivered once the server is up", () -> push.stats().accepted() == 1);
        assertThat(recorder.received).hasSize(1);
        assertThat(push.stats().dropped()).isZero();
    }

    @Test
    void a_wake_that_keeps_failing_past_max_retry_age_is_dropped() throws Exception {
        pushTo(MockApns.freePort(), 1000, Duration.ofSeconds(1), Clock.systemUTC(), FAST);

        push.wake(List.of(target(1)));

        await(WAIT, "the wake was dropped", () -> push.stats().dropped() == 1);
        PushStats stats = push.stats();
        assertThat(stats.accepted()).isZero();
        assertThat(stats.retried()).isGreaterThanOrEqualTo(1);
        assertThat(stats.queued()).isZero();
        assertThat(invalid).isEmpty();
    }

    @Test
    void at_most_max_in_flight_pushes_await_an_answer() throws Exception {
        // A listener that never accepts: TCP connects (the kernel's backlog), TLS never answers.
        try (ServerSocket silent = new ServerSocket(0)) {
            push = new ApnsMdmPush(MockApns.client(silent.getLocalPort(), serverPem, loop), feedback,
                    Clock.systemUTC(), 1000, 2, Duration.ofSeconds(30), FAST);
            List<PushTarget> five = List.of(target(1), target(2), target(3), target(4), target(5));

            push.wake(five);

            await(WAIT, "two pushes left the queue", () -> push.stats().queued() == 3);
            Thread.sleep(300);
            assertThat(push.stats()).isEqualTo(new PushStats(0, 0, 0, 0, 3));
        }
        // Closed listener first: its backlog is reset, the handshakes fail, and close() need not wait them out.
        push.close();
    }

    @Test
    void after_close_wakes_are_ignored() throws Exception {
        pushTo(startServer(0));
        push.wake(List.of(target(1)));
        await(WAIT, "the first push arrived", () -> push.stats().accepted() == 1);

        push.close();
        push.close();
        push.wake(List.of(target(2)));
        Thread.sleep(200);

        assertThat(recorder.received).hasSize(1);
        assertThat(push.stats().queued()).isZero();
    }

    @Test
    void open_maps_the_settings_onto_pushy_a_p12_client_certificate_and_a_pinned_server() throws Exception {
        Path clientPem = MockApns.pem(dir, "client.pem", MockApns.CLIENT_CERT);
        // This server demands a TLS client certificate, so delivery proves the p12 was used.
        MockApnsServer server = MockApns.server(recorder, loop, clientPem);
        servers.add(server);
        int port = server.start(0).get();
        ApnsSettings settings = ApnsSettings.sandbox(MockApns.p12(dir, "s3cret".toCharArray()), "s3cret".toCharArray())
                .withServer("localhost", port)
                .withTrustedServerCertificate(serverPem)
                .withLimits(10, 5, Duration.ofSeconds(30));

        push = ApnsMdmPush.open(settings, feedback, Clock.systemUTC());
        push.wake(List.of(target(1)));

        await(WAIT, "APNs accepted the push", () -> push.stats().accepted() == 1);
        assertThat(recorder.received).singleElement().satisfies(r -> assertThat(r.clientSubject())
                .isEqualTo(MockApns.CLIENT_CERT.getSubjectX500Principal().getName()));
    }
}
