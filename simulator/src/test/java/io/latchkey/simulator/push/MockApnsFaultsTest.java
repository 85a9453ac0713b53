package io.latchkey.simulator.push;

import com.eatthepath.pushy.apns.ApnsClient;
import com.eatthepath.pushy.apns.DeliveryPriority;
import com.eatthepath.pushy.apns.PushType;
import com.eatthepath.pushy.apns.util.SimpleApnsPushNotification;
import io.latchkey.simulator.push.PushFaults.Fault;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each fault of the mock APNs as a real HTTP/2 client (Pushy) sees it. */
class MockApnsFaultsTest {
    private MockApns apns;
    private ApnsClient client;
    private final AtomicInteger woken = new AtomicInteger();
    private final byte[] token = new byte[32];

    @BeforeEach
    void start() throws Exception {
        apns = MockApns.start();
        client = TestApnsClients.client(apns);
        token[0] = 7;
        apns.register(token, () -> "M", woken::incrementAndGet);
    }

    @AfterEach
    void stop() throws Exception {
        TestApnsClients.close(client);
        apns.close();
    }

    @Test
    void status_faults_answer_with_apns_reasons_and_wake_nobody() throws Exception {
        apns.faults().failNext(1, Fault.SERVER_ERROR);
        var r500 = TestApnsClients.push(client, token, "{\"mdm\":\"M\"}");
        apns.faults().failNext(1, Fault.TOO_MANY_REQUESTS);
        var r429 = TestApnsClients.push(client, token, "{\"mdm\":\"M\"}");
        apns.faults().failNext(1, Fault.UNAVAILABLE);
        var r503 = TestApnsClients.push(client, token, "{\"mdm\":\"M\"}");
        assertThat(r500.getStatusCode()).isEqualTo(500);
        assertThat(r500.getRejectionReason()).contains("InternalServerError");
        assertThat(r429.getStatusCode()).isEqualTo(429);
        assertThat(r429.getRejectionReason()).contains("TooManyRequests");
        assertThat(r503.getStatusCode()).isEqualTo(503);
        assertThat(r503.getRejectionReason()).contains("ServiceUnavailable");
        assertThat(woken).hasValue(0);

        assertThat(TestApnsClients.push(client, token, "{\"mdm\":\"M\"}").isAccepted()).as("back to normal").isTrue();
        assertThat(apns.faults().injected()).isEqualTo(3);
    }

    @Test
    void goaway_answers_shutdown_then_closes_the_connection_and_the_client_reconnects() throws Exception {
        apns.faults().failNext(1, Fault.GOAWAY);
        var shutdown = TestApnsClients.push(client, token, "{\"mdm\":\"M\"}");
        assertThat(shutdown.getStatusCode()).isEqualTo(503);
        assertThat(shutdown.getRejectionReason()).contains("Shutdown");
        // A push sent before the GOAWAY arrived fails unanswered ("stream closed"); Pushy then opens a
        // new connection, where pushes are accepted again.
        boolean accepted = false;
        for (int attempt = 0; attempt < 3 && !accepted; attempt++) {
            try {
                accepted = TestApnsClients.push(client, token, "{\"mdm\":\"M\"}").isAccepted();
            } catch (ExecutionException unansweredOnTheClosingConnection) {
                // retried, as the server's sender retries
            }
        }
        assertThat(accepted).isTrue();
    }

    @Test
    void timeout_leaves_the_push_unanswered_until_the_connection_closes() throws Exception {
        apns.faults().holdFor(Duration.ofMillis(1500)).failNext(1, Fault.TIMEOUT);
        var pending = client.sendNotification(new SimpleApnsPushNotification(HexFormat.of().formatHex(token),
                TestApnsClients.TOPIC, "{\"mdm\":\"M\"}", null, DeliveryPriority.IMMEDIATE, PushType.MDM));
        // Not answered while held: a client's own timeout (shorter than the hold) gives up first.
        assertThatThrownBy(() -> pending.get(500, TimeUnit.MILLISECONDS))
                .isInstanceOf(java.util.concurrent.TimeoutException.class);
        // Then the connection closes under it: the push fails without any APNs answer.
        assertThatThrownBy(() -> pending.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
        assertThat(woken).hasValue(0);
        assertThat(TestApnsClients.push(client, token, "{\"mdm\":\"M\"}").isAccepted()).isTrue();
    }
}
