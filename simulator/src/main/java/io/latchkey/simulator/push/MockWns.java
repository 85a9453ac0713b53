package io.latchkey.simulator.push;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stand-in for the Windows Push Notification Service that wakes simulated Windows devices, on the
 * JDK's HTTP server over plain HTTP on 127.0.0.1 (shared/reference/windows-mdm.md §5):
 * <ul>
 *   <li>{@code POST /accesstoken.srf}, form {@code grant_type=client_credentials&client_id=..&client_secret=..&scope=notify.windows.com}
 *       → {@code {"access_token":..,"token_type":"bearer","expires_in":86400}}, as login.live.com answers;</li>
 *   <li>a raw notification {@code POST <channel URI>} with {@code Authorization: Bearer <token>},
 *       {@code X-WNS-Type: wns/raw} and {@code Content-Type: application/octet-stream} → 200 with
 *       {@code X-WNS-Status: received}, and the device of that channel wakes on a virtual thread (one wake
 *       at a time per device; a push during one makes it run once more afterwards). An unknown or closed
 *       channel is 410 Gone, a missing bearer token 401, a wrong type 400.</li>
 * </ul>
 * Faults are injected through {@link #faults()}, changeable while it runs, with the headers WNS sends
 * on errors ({@code X-WNS-Error-Description}, {@code X-WNS-Debug-Trace}, {@code X-WNS-Msg-ID}, {@code MS-CV}):
 * 500, 429 and 503 (both with {@code Retry-After}), no answer (the request is held for the hold time,
 * then its connection closed), or the connection closed at once ({@code GOAWAY}: HTTP/1.1 has no such
 * frame). A faulted notification wakes no device.
 *
 * <p>Channel URIs have WNS's shape, {@code http://127.0.0.1:<port>/?token=<opaque>}. Any bearer token is
 * accepted, issued here or not: the server's WNS credentials are not checked.
 */
public final class MockWns implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MockWns.class);
    private static final int MAX_BODY = 5 * 1024;

    /** Counters since start. {@code rejected}: refused with a 4xx; {@code tokens}: access tokens issued. */
    public record Stats(long received, long accepted, long rejected, long wakes, long tokens) {
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Channel> channels = new ConcurrentHashMap<>();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong wakes = new AtomicLong();
    private final AtomicLong tokens = new AtomicLong();
    private final PushFaults faults = new PushFaults();

    private MockWns(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Starts on a free port of 127.0.0.1. */
    public static MockWns start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
            server.setExecutor(executor);
            MockWns wns = new MockWns(server, executor);
            server.createContext("/", wns::handle);
            server.start();
            LOG.info("mock WNS listening on port {}", wns.port());
            return wns;
        } catch (IOException e) {
            throw new IllegalStateException("the mock WNS did not start", e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Where the server gets its access token (in place of https://login.live.com/accesstoken.srf). */
    public URI tokenUrl() {
        return URI.create("http://127.0.0.1:" + port() + "/accesstoken.srf");
    }

    /**
     * A new channel whose raw notifications run {@code wake}; the device reports it as its ChannelURI.
     */
    public URI openChannel(Runnable wake) {
        byte[] b = new byte[24];
        random.nextBytes(b);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
        channels.put(token, new Channel(wake));
        return URI.create("http://127.0.0.1:" + port() + "/?token=" + token);
    }

    /** From now on notifications to {@code channel} are refused 410, as for an expired channel. */
    public void closeChannel(URI channel) {
        String token = token(channel.getRawQuery());
        if (token != null) {
            channels.remove(token);
        }
    }

    /** The faults injected into notifications from now on (not into access-token requests). */
    public PushFaults faults() {
        return faults;
    }

    public Stats stats() {
        return new Stats(received.get(), accepted.get(), rejected.get(), wakes.get(), tokens.get());
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            byte[] body = read(ex.getRequestBody());
            if (!"POST".equals(ex.getRequestMethod())) {
                reply(ex, 405, null);
                return;
            }
            if ("/accesstoken.srf".equals(ex.getRequestURI().getPath())) {
                token(ex, new String(body, StandardCharsets.UTF_8));
                return;
            }
            PushFaults.Fault fault = faults.next();
            if (fault == null) {
                notification(ex, body);
            } else {
                received.incrementAndGet();
                inject(ex, fault);
            }
        }
    }

    private void inject(HttpExchange ex, PushFaults.Fault fault) throws IOException {
        ex.getResponseHeaders().set("X-WNS-Msg-ID", Long.toHexString(random.nextLong()));
        ex.getResponseHeaders().set("X-WNS-Debug-Trace", "LATCHKEY-MOCK-" + fault);
        ex.getResponseHeaders().set("MS-CV", Base64.getEncoder().encodeToString(
                java.nio.ByteBuffer.allocate(8).putLong(random.nextLong()).array()) + ".0");
        switch (fault) {
            case SERVER_ERROR -> {
                ex.getResponseHeaders().set("X-WNS-Error-Description", "Internal Server Error");
                reply(ex, 500, null);
            }
            case TOO_MANY_REQUESTS -> {
                ex.getResponseHeaders().set("Retry-After", "1");
                ex.getResponseHeaders().set("X-WNS-Error-Description", "Too Many Requests");
                reply(ex, 429, null);
            }
            case UNAVAILABLE -> {
                ex.getResponseHeaders().set("Retry-After", "1");
                ex.getResponseHeaders().set("X-WNS-Error-Description", "Service Unavailable");
                reply(ex, 503, null);
            }
            case TIMEOUT -> {
                try {
                    Thread.sleep(faults.hold());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                abort(ex);
            }
            case GOAWAY -> abort(ex);
        }
    }

    /**
     * Ends the exchange without an answer. The JDK server closes a connection whose exchange is
     * closed before its response headers were sent.
     */
    private static void abort(HttpExchange ex) {
        ex.close();
    }

    private void token(HttpExchange ex, String form) throws IOException {
        Map<String, String> f = new HashMap<>();
        for (String pair : form.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                f.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        if (!"client_credentials".equals(f.get("grant_type")) || !"notify.windows.com".equals(f.get("scope"))
                || isBlank(f.get("client_id")) || isBlank(f.get("client_secret"))) {
            ex.getResponseHeaders().set("Content-Type", "application/json");
            reply(ex, 400, "{\"error\":\"invalid_request\",\"error_description\":\"Invalid request\"}");
            return;
        }
        tokens.incrementAndGet();
        String token = "EgAcAQMAAAAALYAAY/c+Huwi3Fv4Ck10UrKNmtxRO6Njk2MgA=" + UUID.randomUUID();
        ex.getResponseHeaders().set("Content-Type", "application/json");
        reply(ex, 200, "{\"access_token\":\"" + token + "\",\"token_type\":\"bearer\",\"expires_in\":86400}");
    }

    private void notification(HttpExchange ex, byte[] body) throws IOException {
        received.incrementAndGet();
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        if (auth == null || !auth.regionMatches(true, 0, "Bearer ", 0, 7) || auth.substring(7).isBlank()) {
            refuse(ex, 401, "InvalidToken");
            return;
        }
        String type = ex.getRequestHeaders().getFirst("X-WNS-Type");
        String contentType = ex.getRequestHeaders().getFirst("Content-Type");
        if (!"wns/raw".equals(type) || contentType == null || !contentType.startsWith("application/octet-stream")) {
            refuse(ex, 400, "BadRequest");
            return;
        }
        String token = token(ex.getRequestURI().getRawQuery());
        Channel channel = token == null ? null : channels.get(token);
        if (channel == null || !"/".equals(ex.getRequestURI().getPath())) {
            refuse(ex, 410, "ChannelExpired");
            return;
        }
        accepted.incrementAndGet();
        ex.getResponseHeaders().set("X-WNS-Status", "received");
        ex.getResponseHeaders().set("X-WNS-Msg-ID", Long.toHexString(random.nextLong()));
        reply(ex, 200, null);
        channel.wake();
    }

    private void refuse(HttpExchange ex, int status, String error) throws IOException {
        rejected.incrementAndGet();
        ex.getResponseHeaders().set("X-WNS-Error-Description", error);
        reply(ex, status, null);
    }

    private static void reply(HttpExchange ex, int status, String body) throws IOException {
        byte[] b = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
        if (b.length > 0) {
            ex.getResponseBody().write(b);
        }
    }

    private static byte[] read(InputStream in) throws IOException {
        byte[] b = in.readNBytes(MAX_BODY + 1);
        return b.length > MAX_BODY ? new byte[0] : b;
    }

    private static String token(String rawQuery) {
        if (rawQuery == null) {
            return null;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.startsWith("token=")) {
                return pair.substring("token=".length());
            }
        }
        return null;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    /** One device's wake-ups: at most one running; a notification during it asks for exactly one more. */
    private final class Channel {
        private static final int IDLE = 0;
        private static final int RUNNING = 1;
        private static final int RUNNING_AGAIN = 2;

        private final Runnable wake;
        private final AtomicInteger state = new AtomicInteger();

        Channel(Runnable wake) {
            this.wake = Objects.requireNonNull(wake, "wake");
        }

        void wake() {
            while (true) {
                int s = state.get();
                if (s == IDLE && state.compareAndSet(IDLE, RUNNING)) {
                    Thread.ofVirtual().name("mock-wns-wake").start(this::run);
                    return;
                }
                if (s == RUNNING_AGAIN || (s == RUNNING && state.compareAndSet(RUNNING, RUNNING_AGAIN))) {
                    return;
                }
            }
        }

        private void run() {
            while (true) {
                wakes.incrementAndGet();
                try {
                    wake.run();
                } catch (RuntimeException e) {
                    LOG.warn("a woken device failed", e);
                }
                if (state.compareAndSet(RUNNING, IDLE)) {
                    return;
                }
                state.set(RUNNING);  // it was RUNNING_AGAIN: run once more
            }
        }
    }
}
