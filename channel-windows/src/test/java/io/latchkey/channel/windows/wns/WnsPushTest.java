package io.latchkey.channel.windows.wns;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.latchkey.wake.Backoff;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * WNS over real HTTP against a local stand-in with the service's shape: the token endpoint
 * (form in, JSON out) and channel URIs that take raw notifications (shared/reference/windows-mdm.md §5).
 */
class WnsPushTest {
    private HttpServer wns;
    private final List<Map<String, String>> pushes = new CopyOnWriteArrayList<>();
    private final List<String> tokenForms = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> answerFor = new ConcurrentHashMap<>();
    private final AtomicInteger tokensIssued = new AtomicInteger();
    private final List<String> invalid = new CopyOnWriteArrayList<>();
    private WnsPush push;

    @BeforeEach
    void start() throws IOException {
        wns = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        wns.createContext("/accesstoken.srf", ex -> {
            tokenForms.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            reply(ex, 200, "{\"token_type\":\"bearer\",\"access_token\":\"tok-" + tokensIssued.incrementAndGet()
                    + "\",\"expires_in\":86400}");
        });
        wns.createContext("/channel/", ex -> {
            String path = ex.getRequestURI().getPath();
            pushes.add(Map.of("path", path, "auth", header(ex, "Authorization"), "type", header(ex, "X-WNS-Type"),
                    "contentType", header(ex, "Content-Type"), "cache", header(ex, "X-WNS-Cache-Policy")));
            ex.getRequestBody().readAllBytes();
            Integer status = answerFor.get(path);
            if (status != null && status == 401 && header(ex, "Authorization").equals("Bearer tok-2")) {
                status = 200; // a fresh token is taken
            }
            reply(ex, status == null ? 200 : status, "");
        });
        wns.start();
        push = WnsPush.open(new WnsSettings(URI.create("http://127.0.0.1:" + wns.getAddress().getPort()
                        + "/accesstoken.srf"), "ms-app://s-1-15-2-1", "secret-value", List.of("127.0.0.1"), true, 100,
                10, Duration.ofSeconds(5)), (device, token, since) -> invalid.add(device + " " + token),
                Clock.systemUTC(), new Backoff(Duration.ofMillis(50), Duration.ofMillis(200)));
    }

    @AfterEach
    void stop() {
        push.close();
        wns.stop(0);
    }

    private String channel(String name) {
        return "http://127.0.0.1:" + wns.getAddress().getPort() + "/channel/" + name;
    }

    @Test
    void aRawNotificationGoesToTheChannelWithTheBearerTokenAndTheRawHeaders() throws Exception {
        push.wake(List.of(new WnsTarget(UUID.randomUUID(), channel("a"))));

        await(() -> pushes.size() == 1);
        assertThat(pushes.get(0)).containsEntry("path", "/channel/a").containsEntry("auth", "Bearer tok-1")
                .containsEntry("type", "wns/raw").containsEntry("contentType", "application/octet-stream")
                .containsEntry("cache", "cache");
        assertThat(tokenForms).singleElement().satisfies(form -> assertThat(form)
                .contains("grant_type=client_credentials").contains("client_id=ms-app%3A%2F%2Fs-1-15-2-1")
                .contains("client_secret=secret-value").contains("scope=notify.windows.com"));
        await(() -> push.stats().accepted() == 1);
    }

    @Test
    void aGoneChannelIsReportedOnceAndNotRetried() throws Exception {
        answerFor.put("/channel/gone", 410);
        UUID device = UUID.randomUUID();

        push.wake(List.of(new WnsTarget(device, channel("gone"))));

        await(() -> invalid.size() == 1);
        assertThat(invalid.get(0)).isEqualTo(device + " " + channel("gone"));
        Thread.sleep(300);
        assertThat(pushes).hasSize(1);
    }

    @Test
    void aRefusedAccessTokenIsReplacedAndThePushRetried() throws Exception {
        answerFor.put("/channel/auth", 401);

        push.wake(List.of(new WnsTarget(UUID.randomUUID(), channel("auth"))));

        await(() -> push.stats().accepted() == 1);
        assertThat(tokensIssued).hasValue(2);
        assertThat(pushes).extracting(p -> p.get("auth")).containsExactly("Bearer tok-1", "Bearer tok-2");
    }

    @Test
    void aChannelUriOnAnotherHostIsNeverCalled() throws Exception {
        UUID device = UUID.randomUUID();

        push.wake(List.of(new WnsTarget(device, "http://169.254.169.254/latest/meta-data")));

        await(() -> invalid.size() == 1);
        assertThat(pushes).isEmpty();
        assertThat(tokenForms).isEmpty();
    }

    @Test
    void settingsRefuseMissingCredentialsAndAllowOnlyWnsHostsOverHttps() {
        WnsSettings live = WnsSettings.live("ms-app://s-1", "secret");

        assertThat(live.allows(URI.create("https://db5.notify.windows.com/?token=abc"))).isTrue();
        assertThat(live.allows(URI.create("http://db5.notify.windows.com/?token=abc"))).isFalse();
        assertThat(live.allows(URI.create("https://notify.windows.com.evil.example/"))).isFalse();
        assertThat(live.allows(URI.create("https://evilnotify.windows.com/"))).isFalse();
        assertThat(live.toString()).doesNotContain("secret");
        assertThatThrownBy(() -> WnsSettings.live("ms-app://s-1", " ")).isInstanceOf(IllegalArgumentException.class);
    }

    private static String header(HttpExchange ex, String name) {
        String v = ex.getRequestHeaders().getFirst(name);
        return v == null ? "" : v;
    }

    private static void reply(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            ex.getResponseBody().write(bytes);
        }
        ex.close();
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(5);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not within 5 s");
            }
            Thread.sleep(10);
        }
    }
}
