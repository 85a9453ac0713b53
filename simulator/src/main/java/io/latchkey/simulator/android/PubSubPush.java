package io.latchkey.simulator.android;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A Pub/Sub push subscription: each notification is POSTed to the endpoint as
 * {@code {"message":{"data":base64,"attributes":{"notificationType":…},"messageId":…,"publishTime":…},"subscription":…}}
 * (https://cloud.google.com/pubsub/docs/push, AMAPI's https://developers.google.com/android/management/notifications),
 * and redelivered a few times when the endpoint does not answer 2xx, as Pub/Sub does. An
 * authenticated subscription adds {@code Authorization: Bearer <ID token>} ({@link PushIdTokens}).
 */
final class PubSubPush {
    private static final Logger LOG = LoggerFactory.getLogger(PubSubPush.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int ATTEMPTS = 5;
    /** Messages outstanding at once, as a push subscription's flow control keeps them. */
    private static final int OUTSTANDING = 64;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicLong ids = new AtomicLong(1_000_000);
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final java.util.concurrent.Semaphore outstanding = new java.util.concurrent.Semaphore(OUTSTANDING);
    private volatile URI endpoint;
    private volatile Supplier<String> authorization;
    private volatile boolean losing;
    private final String subscription = "projects/latchkey-sim/subscriptions/amapi-push";

    /**
     * @param bearer for an authenticated subscription, the ID token of each push; null: none (the
     *               endpoint URL carries whatever secret it needs)
     */
    void endpoint(URI pushEndpoint, Supplier<String> bearer) {
        this.endpoint = pushEndpoint;
        this.authorization = bearer;
    }

    /** While true, notifications are published to nobody, as when a subscription lost them. */
    void losing(boolean value) {
        losing = value;
    }

    long delivered() {
        return delivered.get();
    }

    long refused() {
        return refused.get();
    }

    /** Publishes on a virtual thread; nothing happens when no push endpoint is set. */
    void publish(String notificationType, JsonNode resource) {
        URI target = endpoint;
        if (target == null || losing) {
            return;
        }
        byte[] body = envelope(notificationType, resource);
        Supplier<String> bearer = authorization;
        Thread.ofVirtual().name("pubsub-push").start(() -> {
            outstanding.acquireUninterruptibly();
            try {
                deliver(target, body, bearer);
            } finally {
                outstanding.release();
            }
        });
    }

    private byte[] envelope(String notificationType, JsonNode resource) {
        try {
            ObjectNode root = MAPPER.createObjectNode();
            ObjectNode message = root.putObject("message");
            message.putObject("attributes").put("notificationType", notificationType);
            message.put("data", Base64.getEncoder().encodeToString(MAPPER.writeValueAsBytes(resource)));
            String id = Long.toString(ids.incrementAndGet());
            message.put("messageId", id);
            message.put("message_id", id);
            message.put("publishTime", Instant.now().toString());
            root.put("subscription", subscription);
            return MAPPER.writeValueAsBytes(root);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void deliver(URI target, byte[] body, Supplier<String> bearer) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/json");
                if (bearer != null) {
                    request.header("Authorization", "Bearer " + bearer.get());
                }
                HttpResponse<Void> r = http.send(request.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() / 100 == 2) {
                    delivered.incrementAndGet();
                    return;
                }
                if (r.statusCode() / 100 == 4 && r.statusCode() != 429) {
                    refused.incrementAndGet();
                    LOG.debug("push endpoint refused a notification: {}", r.statusCode());
                    return;
                }
            } catch (java.io.IOException e) {
                LOG.debug("push endpoint unreachable: {}", e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            try {
                // Pub/Sub's push backoff, shortened: 0.5 s, 1 s, 2 s, 4 s.
                Thread.sleep(500L << (attempt - 1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        refused.incrementAndGet();
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
