package io.latchkey.simulator.push;

import com.eatthepath.pushy.apns.ApnsClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The mock APNs over real HTTP/2 and TLS, driven by Pushy's own client as the server drives it. */
class MockApnsTest {

    private static MockApns apns;
    private static ApnsClient client;

    @BeforeAll
    static void start() throws Exception {
        apns = MockApns.start();
        client = TestApnsClients.client(apns);
    }

    @AfterAll
    static void stop() throws Exception {
        TestApnsClients.close(client);
        apns.close();
    }

    @Test
    void a_push_with_the_push_magic_wakes_that_device_and_no_other() throws Exception {
        byte[] mine = token(1), other = token(2);
        CountDownLatch woke = new CountDownLatch(1);
        AtomicInteger otherWakes = new AtomicInteger();
        apns.register(mine, () -> "MAGIC-1", woke::countDown);
        apns.register(other, () -> "MAGIC-2", otherWakes::incrementAndGet);

        var response = TestApnsClients.push(client, mine, "{\"mdm\":\"MAGIC-1\"}");

        assertThat(response.isAccepted()).isTrue();
        assertThat(woke.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(otherWakes).hasValue(0);
    }

    @Test
    void a_push_with_another_push_magic_or_payload_is_accepted_and_ignored() throws Exception {
        byte[] t = token(3);
        AtomicInteger wakes = new AtomicInteger();
        apns.register(t, () -> "MAGIC-3", wakes::incrementAndGet);
        long ignoredBefore = apns.stats().ignored();

        assertThat(TestApnsClients.push(client, t, "{\"mdm\":\"OLD-MAGIC\"}").isAccepted()).isTrue();
        assertThat(TestApnsClients.push(client, t, "{\"aps\":{\"alert\":\"hi\"}}").isAccepted()).isTrue();

        assertThat(apns.stats().ignored() - ignoredBefore).isEqualTo(2);
        Thread.sleep(100);
        assertThat(wakes).hasValue(0);
    }

    @Test
    void an_unknown_token_is_refused_unregistered_so_the_server_drops_it() throws Exception {
        long before = apns.pushesReceived();
        var response = TestApnsClients.push(client, token(99), "{\"mdm\":\"X\"}");

        assertThat(response.isAccepted()).isFalse();
        assertThat(response.getStatusCode()).isEqualTo(410);
        assertThat(response.getRejectionReason()).contains("Unregistered");
        assertThat(response.getTokenInvalidationTimestamp()).isPresent();
        assertThat(apns.pushesReceived()).isEqualTo(before + 1);
    }

    @Test
    void pushes_during_a_wake_make_exactly_one_more() throws Exception {
        byte[] t = token(4);
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger runs = new AtomicInteger();
        apns.register(t, () -> "MAGIC-4", () -> {
            if (runs.incrementAndGet() == 1) {
                entered.countDown();
                await(release);
            }
        });

        TestApnsClients.push(client, t, "{\"mdm\":\"MAGIC-4\"}");
        assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
        for (int i = 0; i < 3; i++) {
            assertThat(TestApnsClients.push(client, t, "{\"mdm\":\"MAGIC-4\"}").isAccepted()).isTrue();
        }
        release.countDown();

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (runs.get() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        Thread.sleep(100);
        assertThat(runs).hasValue(2);
    }

    @Test
    void its_certificate_can_be_written_for_the_servers_trust_setting() throws Exception {
        Path file = Files.createTempFile("mock-apns", ".pem");
        try {
            apns.writeServerCertificatePem(file);
            X509Certificate read = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(Files.newInputStream(file));
            assertThat(read).isEqualTo(apns.serverCertificate());
            assertThat(Files.readString(file)).startsWith("-----BEGIN CERTIFICATE-----\n");
        } finally {
            Files.delete(file);
        }
    }

    private static byte[] token(int n) {
        byte[] t = new byte[32];
        Arrays.fill(t, (byte) n);
        return t;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
