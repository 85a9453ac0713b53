package io.latchkey.simulator.android;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static io.latchkey.simulator.android.StandInHttp.one;
import static io.latchkey.simulator.android.StandInHttp.query;
import static io.latchkey.simulator.android.StandInHttp.reply;
import static io.latchkey.simulator.android.StandInHttp.replyRaw;

/**
 * The Android Management API stand-in on the JDK's HTTP server, plain HTTP on 127.0.0.1. It serves
 * under {@code v1/} the calls Latchkey makes (signupUrls.create, enterprises.create/get,
 * enterprises.policies.patch, enterprises.enrollmentTokens.create, enterprises.devices.list/get/
 * delete/issueCommand, enterprises.devices.operations.get), answers errors as Google APIs do
 * ({@code {"error":{"code","message","status"}}}), and every call needs a bearer token from its
 * OAuth endpoint ({@code POST /token}, the service-account JWT grant of RFC 7523 that the key file
 * written by {@link #writeServiceAccountKey} names as its {@code token_uri}).
 */
public final class AmapiStandIn implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AmapiStandIn.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int MAX_BODY = 256 * 1024;
    public static final String PROJECT_ID = "latchkey-sim";

    private final HttpServer server;
    private final ExecutorService executor;
    private final Clock clock;
    private final PubSubPush push = new PubSubPush();
    private final StandInState state;
    private final ServiceAccounts accounts = new ServiceAccounts();
    private final AtomicLong calls = new AtomicLong();
    private final CallTimes rate = new CallTimes();
    private final PushIdTokens idTokens = new PushIdTokens(PROJECT_ID);
    private final AtomicInteger failures = new AtomicInteger();
    private volatile int failureStatus = 429;

    private AmapiStandIn(HttpServer server, ExecutorService executor, Clock clock) {
        this.server = server;
        this.executor = executor;
        this.clock = clock;
        this.state = new StandInState(clock, push);
    }

    public static AmapiStandIn start() {
        return start(Clock.systemUTC());
    }

    public static AmapiStandIn start(Clock clock) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
            ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
            server.setExecutor(executor);
            AmapiStandIn standIn = new AmapiStandIn(server, executor, clock);
            server.createContext("/", standIn::handle);
            server.start();
            LOG.info("Android Management API stand-in listening on port {}", standIn.port());
            return standIn;
        } catch (IOException e) {
            throw new IllegalStateException("the AMAPI stand-in did not start", e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** What the client's root URL is set to, in place of https://androidmanagement.googleapis.com/. */
    public URI rootUrl() {
        return URI.create("http://127.0.0.1:" + port() + "/");
    }

    /** Writes a service-account key file (a fresh RSA key) whose {@code token_uri} is this stand-in. */
    public Path writeServiceAccountKey(Path file) {
        try {
            Files.writeString(file, accounts.newKey(rootUrl().resolve("token").toString(), PROJECT_ID));
            try {
                Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system
            }
            return file;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Where notifications are pushed: the push subscription's endpoint (Latchkey's, with its token). */
    public void pushTo(URI endpoint) {
        push.endpoint(endpoint, null);
    }

    /**
     * An authenticated push subscription: each push carries an ID token for {@code audience}, as
     * {@link PushIdTokens#serviceAccount()}, signed by the key published at {@link #certsUrl()}.
     */
    public void pushWithIdTokenTo(URI endpoint, String audience) {
        push.endpoint(endpoint, () -> idTokens.current(audience));
    }

    /** Where the push tokens' signing certificate is published, in place of Google's oauth2/v1/certs. */
    public URI certsUrl() {
        return rootUrl().resolve("oauth2/v1/certs");
    }

    /** The push subscription's identity: its service account, and tokens (good or bad) for tests. */
    public PushIdTokens pushIdTokens() {
        return idTokens;
    }

    /** While true, notifications are lost on the way (Pub/Sub outage, a deleted subscription). */
    public void losePushes(boolean lose) {
        push.losing(lose);
    }

    /**
     * The device is deleted from the enterprise without Latchkey (in another console, or by another
     * API client): no notification tells, only devices.list no longer names it.
     */
    public void deleteAtGoogle(SimulatedAndroidDevice device) {
        state.delete(device.name(), List.of(), null);
    }

    /** The administrator completes Google's signup pages: the callback URL with {@code enterpriseToken}. */
    public URI completeSignup(URI signupUrl) {
        String path = signupUrl.getPath();
        return URI.create(state.completeSignup(path.substring(path.lastIndexOf('/') + 1)));
    }

    /** A device provisioned by scanning the QR code (its JSON payload) enrolls. */
    public SimulatedAndroidDevice enrollWithQr(String qrJson, AndroidProfile profile, int apiLevel) {
        try {
            String token = MAPPER.readTree(qrJson).path("android.app.extra.PROVISIONING_ADMIN_EXTRAS_BUNDLE")
                    .path("com.google.android.apps.work.clouddpc.EXTRA_ENROLLMENT_TOKEN").asText(null);
            if (token == null) {
                throw new IllegalArgumentException("the QR payload carries no enrollment token");
            }
            return enroll(token, profile, apiLevel);
        } catch (IOException e) {
            throw new IllegalArgumentException("the QR payload is not JSON", e);
        }
    }

    /** A device set up with the enrollment token's value (a personal device opening the enrollment link) enrolls. */
    public SimulatedAndroidDevice enroll(String tokenValue, AndroidProfile profile, int apiLevel) {
        String model = profile == AndroidProfile.FULLY_MANAGED ? "Pixel 8" : apiLevel >= 34 ? "Pixel 9" : "Pixel 6a";
        return state.enroll(tokenValue, profile, apiLevel, model);
    }

    /**
     * For load tests: a device enrolled in the one enterprise signed up here, without a token and without
     * an ENROLLMENT push; the caller stores the server's record of it (its name is the record's external id).
     */
    public SimulatedAndroidDevice seed(AndroidProfile profile, int apiLevel) {
        java.util.Set<String> names = state.enterpriseNames();
        if (names.size() != 1) {
            throw new IllegalStateException("seeding needs exactly one enterprise, there are " + names.size());
        }
        String model = profile == AndroidProfile.FULLY_MANAGED ? "Pixel 8" : apiLevel >= 34 ? "Pixel 9" : "Pixel 6a";
        return state.seed(names.iterator().next(), profile, apiLevel, model);
    }

    /** The device loses or regains its connection to Google; back online it runs what waited for it. */
    public void online(SimulatedAndroidDevice device, boolean online) {
        state.online(device, online);
    }

    /** A device enrolled here, by its AMAPI name (also after a delete that has not reached it yet). */
    public SimulatedAndroidDevice device(String name) {
        return state.simulated(name);
    }

    /** The next {@code count} API calls are answered with {@code status} (429 quota, 503 outage). */
    public void failNext(int count, int status) {
        failureStatus = status;
        failures.set(count);
    }

    /** How long an online device takes to run a command. */
    public void deviceLatency(Duration latency) {
        state.deviceLatency(latency);
    }

    /** API calls answered (the token endpoint and signup pages not counted). */
    public long calls() {
        return calls.get();
    }

    /** The most API calls that arrived within any one second (a sliding window). */
    public long peakCallsPerSecond() {
        return rate.peak();
    }

    /** Starts counting the peak calls per second afresh. */
    public void resetPeak() {
        rate.reset();
    }

    public long pushesDelivered() {
        return push.delivered();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            byte[] body = ex.getRequestBody().readNBytes(MAX_BODY + 1);
            if ("gzip".equalsIgnoreCase(ex.getRequestHeaders().getFirst("Content-Encoding")) && body.length > 0) {
                // Google's Java client gzips request bodies (Content-Encoding: gzip), as Google's APIs accept.
                try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(body))) {
                    body = in.readNBytes(MAX_BODY + 1);
                }
            }
            String path = ex.getRequestURI().getRawPath();
            Map<String, List<String>> query = query(ex.getRequestURI().getRawQuery());
            try {
                if (path.equals("/oauth2/v1/certs")) {
                    // Google lets its certificates be cached for hours; the client's verifier refreshes on expiry.
                    ex.getResponseHeaders().set("Cache-Control", "public, max-age=21600, must-revalidate, no-transform");
                    replyRaw(ex, 200, idTokens.certsJson());
                } else if (path.equals("/token")) {
                    accounts.tokenEndpoint(ex, new String(body, StandardCharsets.UTF_8));
                } else if (path.startsWith("/signup/")) {
                    ex.getResponseHeaders().set("Location", state.completeSignup(path.substring(8)));
                    ex.sendResponseHeaders(302, -1);
                } else if (path.startsWith("/v1/")) {
                    api(ex, path.substring(4), query, body);
                } else {
                    throw ApiError.notFound(path);
                }
            } catch (ApiError e) {
                ObjectNode error = MAPPER.createObjectNode();
                error.putObject("error").put("code", e.httpStatus()).put("message", e.getMessage())
                        .put("status", e.status());
                reply(ex, e.httpStatus(), error);
            } catch (RuntimeException e) {
                LOG.warn("AMAPI stand-in failed on {} {}", ex.getRequestMethod(), path, e);
                replyRaw(ex, 500, "{\"error\":{\"code\":500,\"message\":\"internal\",\"status\":\"INTERNAL\"}}");
            }
        }
    }

    private void api(HttpExchange ex, String path, Map<String, List<String>> q, byte[] body) throws IOException {
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        if (auth == null || !auth.startsWith("Bearer ") || !accounts.validToken(auth.substring(7))) {
            throw new ApiError(401, "UNAUTHENTICATED", "Request had invalid authentication credentials.");
        }
        calls.incrementAndGet();
        rate.count();
        if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw failureStatus == 429 ? new ApiError(429, "RESOURCE_EXHAUSTED", "Quota exceeded.")
                    : new ApiError(failureStatus, "UNAVAILABLE", "The service is currently unavailable.");
        }
        if (body.length > MAX_BODY) {
            throw ApiError.invalid("request too large");
        }
        JsonNode json;
        try {
            json = body.length == 0 ? NullNode.instance : MAPPER.readTree(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw ApiError.invalid("Invalid JSON payload received.");
        }
        String override = ex.getRequestHeaders().getFirst("X-HTTP-Method-Override");
        // HttpURLConnection cannot send PATCH: Google's client POSTs with the override header, which Google honours.
        String method = override != null && ex.getRequestMethod().equals("POST") ? override : ex.getRequestMethod();
        String[] parts = path.split("/");
        if (method.equals("POST") && path.equals("signupUrls")) {
            reply(ex, 200, state.signupUrl(one(q, "projectId"), one(q, "callbackUrl"), rootUrl()));
        } else if (method.equals("POST") && path.equals("enterprises")) {
            reply(ex, 200, state.createEnterprise(one(q, "projectId"), one(q, "signupUrlName"),
                    one(q, "enterpriseToken"), json));
        } else if (method.equals("GET") && parts.length == 2) {
            reply(ex, 200, state.enterprise(path));
        } else if (method.equals("PATCH") && parts.length == 4 && parts[2].equals("policies")) {
            reply(ex, 200, state.patchPolicy(parts[0] + "/" + parts[1], path, json));
        } else if (method.equals("POST") && parts.length == 3 && parts[2].equals("enrollmentTokens")) {
            reply(ex, 200, state.createToken(parts[0] + "/" + parts[1], json));
        } else if (method.equals("GET") && parts.length == 3 && parts[2].equals("devices")) {
            String size = one(q, "pageSize");
            reply(ex, 200, state.listDevices(parts[0] + "/" + parts[1], size == null ? 0 : Integer.parseInt(size),
                    one(q, "pageToken")));
        } else if (method.equals("GET") && parts.length == 4 && parts[2].equals("devices")) {
            reply(ex, 200, state.device(path).resource(clock.instant()));
        } else if (method.equals("DELETE") && parts.length == 4 && parts[2].equals("devices")) {
            state.delete(path, q.getOrDefault("wipeDataFlags", List.of()), one(q, "wipeReasonMessage"));
            reply(ex, 200, MAPPER.createObjectNode());
        } else if (method.equals("POST") && parts.length == 4 && parts[3].endsWith(":issueCommand")) {
            reply(ex, 200, state.issueCommand(path.substring(0, path.length() - ":issueCommand".length()), json));
        } else if (method.equals("GET") && parts.length == 6 && parts[4].equals("operations")) {
            reply(ex, 200, state.operation(path));
        } else {
            throw ApiError.notFound(method + " " + path);
        }
    }

}
