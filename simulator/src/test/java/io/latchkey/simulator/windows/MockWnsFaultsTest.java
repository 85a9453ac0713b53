package io.latchkey.simulator.windows;

import io.latchkey.simulator.push.MockWns;
import io.latchkey.simulator.push.PushFaults.Fault;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each fault of the mock WNS as an HTTP client sees it, with WNS's response headers. */
class MockWnsFaultsTest {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @Test
    void status_faults_carry_wns_headers_and_retry_after_and_wake_nobody() throws Exception {
        AtomicInteger woken = new AtomicInteger();
        try (MockWns wns = MockWns.start()) {
            URI channel = wns.openChannel(woken::incrementAndGet);
            wns.faults().failNext(1, Fault.SERVER_ERROR);
            HttpResponse<Void> r500 = raw(channel, null);
            wns.faults().failNext(1, Fault.TOO_MANY_REQUESTS);
            HttpResponse<Void> r429 = raw(channel, null);
            wns.faults().failNext(1, Fault.UNAVAILABLE);
            HttpResponse<Void> r503 = raw(channel, null);
            assertThat(r500.statusCode()).isEqualTo(500);
            assertThat(r429.statusCode()).isEqualTo(429);
            assertThat(r429.headers().firstValue("Retry-After")).contains("1");
            assertThat(r503.statusCode()).isEqualTo(503);
            assertThat(r503.headers().firstValue("Retry-After")).contains("1");
            for (HttpResponse<Void> r : java.util.List.of(r500, r429, r503)) {
                assertThat(r.headers().firstValue("X-WNS-Msg-ID")).isPresent();
                assertThat(r.headers().firstValue("X-WNS-Debug-Trace")).isPresent();
                assertThat(r.headers().firstValue("X-WNS-Error-Description")).isPresent();
                assertThat(r.headers().firstValue("MS-CV")).isPresent();
            }
            assertThat(raw(channel, null).statusCode()).as("back to normal").isEqualTo(200);
            awaitWakes(woken, 1);
            assertThat(wns.faults().injected()).isEqualTo(3);
        }
    }

    @Test
    void timeout_and_goaway_leave_the_notification_unanswered() throws Exception {
        try (MockWns wns = MockWns.start()) {
            URI channel = wns.openChannel(() -> { });
            wns.faults().holdFor(Duration.ofSeconds(2)).failNext(1, Fault.TIMEOUT);
            assertThatThrownBy(() -> raw(channel, Duration.ofMillis(300))).isInstanceOf(HttpTimeoutException.class);
            wns.faults().failNext(1, Fault.GOAWAY);
            assertThatThrownBy(() -> raw(channel, null)).isInstanceOf(IOException.class);
            assertThat(raw(channel, null).statusCode()).isEqualTo(200);
        }
    }

    private static HttpResponse<Void> raw(URI channel, Duration timeout) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(channel).header("Authorization", "Bearer t")
                .header("X-WNS-Type", "wns/raw").header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofString("x"));
        if (timeout != null) {
            b.timeout(timeout);
        }
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.discarding());
    }

    private static void awaitWakes(AtomicInteger woken, int n) throws InterruptedException {
        for (int i = 0; i < 200 && woken.get() < n; i++) {
            Thread.sleep(25);
        }
        assertThat(woken).hasValue(n);
    }
}
