package io.latchkey.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.latchkey.server.App;
import io.latchkey.server.config.Option;
import io.latchkey.server.config.Settings;
import io.latchkey.server.config.SettingsLoader;
import io.latchkey.simulator.apple.AppleModel;
import io.latchkey.simulator.apple.Behaviour;
import io.latchkey.simulator.apple.DeviceHttp;
import io.latchkey.simulator.apple.FleetSummary;
import io.latchkey.simulator.apple.SignedRequest;
import io.latchkey.simulator.apple.SimulatedAppleDevice;
import io.latchkey.simulator.apple.SimulatedAppleFleet;
import io.latchkey.simulator.push.MockApns;
import io.latchkey.simulator.push.PushCertificateStandIn;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * Issue 3's benchmark: N simulated Apple devices (iPhones, iPads, Macs in turn) enroll through
 * profile + SCEP + check-in, then ONE action locks them all, with the wake-up pushed through the
 * mock APNs over HTTP/2; timed from the request to all commands stored, all pushes received, all
 * acknowledged. Then the check-in rate of the command endpoint (signed Idle reports, each verified
 * by the server) against a bare endpoint ({@code /healthz}) on the same HTTP stack, same client,
 * same concurrency, in the same run. Server and simulator share this JVM and machine.
 *
 * <p>Two ways devices prove who they are: {@code signature}, each request signed (Mdm-Signature, an
 * RSA-2048 signature the simulator computes on this same machine), or {@code proxy}, as behind a
 * TLS-terminating proxy that forwards the client certificate in a header.
 *
 * <p>Usage: {@code AppleFleetBench <devices> <sqlite|h2|postgresql> <signature|proxy> [jdbcUrl user password secretKeyBase64]}
 */
public final class AppleFleetBench {
    private static final String TOKEN = "lk_bench-apple-token-0123456789";
    private static final String TOPIC = "com.apple.mgmt.External.bench-0000-0000";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CONCURRENCY = 32;
    private static final String PROXY_HEADER = "X-Client-Cert";
    private static final Duration RATE_WINDOW = Duration.ofSeconds(10);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
    private String base;

    public static void main(String[] args) throws Exception {
        int devices = Integer.parseInt(args[0]);
        String vendor = args[1];
        boolean proxy = args[2].equals("proxy");
        Path dir = BenchDirectory.create("latchkey-apple-bench");
        SimulatedAppleFleet.reuseDeviceKeys(true);
        try (MockApns apns = MockApns.start()) {
            Map<Option, String> options = new EnumMap<>(Option.class);
            options.put(Option.PORT, "0");
            options.put(Option.BIND, "127.0.0.1");
            options.put(Option.DATA_DIR, dir.resolve("data").toString());
            options.put(Option.ENROLLMENT_RATE_LIMIT, "0"); // thousands of devices enroll from one address
            options.put(Option.BOOTSTRAP_ADMIN_TOKEN, TOKEN);
            options.put(Option.APPLE_MDM_TOPIC, TOPIC);
            options.put(Option.APPLE_APNS_SERVER, "localhost:" + apns.port());
            options.put(Option.APPLE_APNS_CERTIFICATE, PushCertificateStandIn.write(dir, TOPIC).toString());
            options.put(Option.APPLE_APNS_CERTIFICATE_PASSWORD, PushCertificateStandIn.PASSWORD);
            options.put(Option.APPLE_APNS_TRUSTED_CERTIFICATE,
                    apns.writeServerCertificatePem(dir.resolve("apns.pem")).toString());
            options.put(Option.APPLE_APNS_RATE, "5000");
            options.put(Option.DATABASE_POOL_SIZE, "20");
            if (proxy) {
                options.put(Option.APPLE_IDENTITY_HEADER, PROXY_HEADER);
                options.put(Option.APPLE_IDENTITY_PROXIES, "127.0.0.1/32");
            }
            BenchDatabase.put(options, vendor, args, 3);
            Settings settings = SettingsLoader.load(options, null, Map.of());
            try (App app = App.open(settings)) {
                app.bootstrap(settings.bootstrapAdminUser(), null, TOKEN);
                AppleFleetBench bench = new AppleFleetBench();
                bench.base = "http://127.0.0.1:" + app.serve();
                bench.run(vendor + ", " + args[2], devices, apns,
                        proxy ? DeviceHttp.behindProxy(PROXY_HEADER) : DeviceHttp.shared());
            }
        }
    }

    private void run(String vendor, int n, MockApns apns, DeviceHttp deviceHttp) throws Exception {
        String user = "bench@example.com";
        post("/api/v1/import", "{\"users\":[{\"userPrincipalName\":\"" + user + "\",\"displayName\":\"Bench\"}]}");
        String userId = JSON.readTree(get("/api/v1/users?search=" + user)).get("items").get(0).get("id").asText();

        SimulatedAppleFleet fleet = new SimulatedAppleFleet(deviceHttp, apns, 7);
        fleet.addMany(n, List.of(AppleModel.IPHONE, AppleModel.IPAD, AppleModel.MAC), Behaviour.RELIABLE, i -> user);
        Function<String, URI> profileUrl = u -> {
            try {
                String code = JSON.readTree(post("/api/v1/users/" + userId + "/enrollment-codes",
                        "{\"channel\":\"apple\"}")).get("code").asText();
                return URI.create(base + "/enroll/apple/profile?code=" + code);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        long t0 = System.nanoTime();
        FleetSummary enrolled = fleet.enrollAll(profileUrl, CONCURRENCY);
        double enrollSeconds = (System.nanoTime() - t0) / 1e9;
        if (enrolled.enrolled() != n) {
            throw new IllegalStateException("only " + enrolled.enrolled() + " of " + n + " enrolled: " + enrolled);
        }
        fleet.pollAll(CONCURRENCY); // the inventory question each device gets after enrolling
        long pushesBefore = apns.stats().received();

        // One action for the whole fleet.
        System.err.println("bench: lock submitted at " + java.time.Instant.now());
        long start = System.nanoTime();
        String request = JSON.readTree(post("/api/v1/actions",
                "{\"action\":\"remoteLock\",\"target\":{\"groupId\":\"all-devices\"},\"options\":{\"message\":\"bench\"}}"))
                .get("id").asText();
        long stored = System.nanoTime();
        long allPushed = 0;
        long allAcknowledged;
        while (true) {
            if (allPushed == 0 && apns.stats().received() - pushesBefore >= n) {
                allPushed = System.nanoTime();
            }
            JsonNode progress = JSON.readTree(get("/api/v1/actions/" + request)).get("progress");
            if (progress.get("succeeded").asLong() + progress.get("failed").asLong() >= n) {
                allAcknowledged = System.nanoTime();
                if (progress.get("succeeded").asLong() != n) {
                    throw new IllegalStateException("not all succeeded: " + progress);
                }
                break;
            }
            if (Duration.ofNanos(System.nanoTime() - start).toSeconds() > 120) {
                System.err.println("stalled: " + progress + "; simulator " + fleet.summary() + "; mock APNs "
                        + apns.stats());
                fleet.devices().stream().filter(d -> !d.status().locked()).limit(5)
                        .forEach(d -> System.err.println("  not locked: " + d + " " + d.status()));
                throw new IllegalStateException("gave up after 2 minutes: " + progress);
            }
            Thread.sleep(100);
        }
        if (allPushed == 0) {
            allPushed = System.nanoTime();
        }
        System.err.println("bench: all acknowledged at " + java.time.Instant.now());
        long locked = fleet.devices().stream().filter(d -> d.status().locked()).count();
        System.out.printf("| %s | %,d | enroll (profile + SCEP + Authenticate + TokenUpdate) | %.1f s (%,.0f devices/s) |%n",
                vendor, n, enrollSeconds, n / enrollSeconds);
        System.out.printf("| %s | %,d | lock: request → all commands stored | %.2f s |%n", vendor, n,
                (stored - start) / 1e9);
        System.out.printf("| %s | %,d | lock: request → all pushes at the mock APNs | %.2f s |%n", vendor, n,
                (allPushed - start) / 1e9);
        System.out.printf("| %s | %,d | lock: request → all acknowledged (%,d devices locked) | **%.2f s** |%n",
                vendor, n, locked, (allAcknowledged - start) / 1e9);

        // Check-in rate: signed Idle reports (verified by the server each time) vs a bare endpoint.
        List<SignedRequest> idles = new ArrayList<>();
        for (SimulatedAppleDevice d : fleet.devices().subList(0, Math.min(n, 2000))) {
            d.idleReport().ifPresent(idles::add);
        }
        Rates.CheckIns rates = Rates.appleCheckIns(http, base, idles, CONCURRENCY, RATE_WINDOW);
        double c = rates.checkIns();
        double h = rates.bare();
        System.out.printf("| %s | %,d | check-ins/s, Idle on /mdm/connect, identity verified each time (median of 3 × %d s, %d clients) | %,.0f/s (%.0f%% of the bare endpoint) |%n",
                vendor, n, RATE_WINDOW.toSeconds(), CONCURRENCY, c, 100 * c / h);
        System.out.printf("| %s | %,d | requests/s, bare GET /healthz (same client and stack, baseline) | %,.0f/s |%n",
                vendor, n, h);
    }

    private String get(String path) throws Exception {
        return AdminCalls.get(http, base, TOKEN, path);
    }

    private String post(String path, String json) throws Exception {
        return AdminCalls.post(http, base, TOKEN, path, json);
    }
}
