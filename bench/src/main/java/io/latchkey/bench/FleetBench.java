package io.latchkey.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.latchkey.ca.CaIdentity;
import io.latchkey.ca.Pkcs12CaDirectory;
import io.latchkey.ca.SelfSignedCa;
import io.latchkey.core.action.CommandState;
import io.latchkey.server.App;
import io.latchkey.server.config.Option;
import io.latchkey.server.config.Settings;
import io.latchkey.server.config.SettingsLoader;
import io.latchkey.server.simulate.StandIns;
import io.latchkey.simulator.android.SimulatedAndroidDevice;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;

/**
 * Issue 9's fleet benchmark: ONE action locks a mixed fleet of simulated Apple, Windows and Android devices
 * (a third each), timed from the request to all commands stored, to all pushes sent (mock APNs and mock WNS
 * received one per device, every Android command handed to the AMAPI stand-in and run by its device), and to
 * all acknowledged (every command succeeded or failed at the server). Server, stand-ins and devices share this
 * JVM and machine; the devices sit behind a TLS-terminating proxy (certificate in a header), the deployment
 * guide's layout. Seeding is {@link FleetSeeding}: the rows enrollment writes, not the enrollment exchanges.
 *
 * <p>Usage: {@code FleetBench <devices> <sqlite|h2|postgresql> [jdbcUrl user password secretKeyBase64]}; with
 * {@code -Dfleet.checkIns=true} the Idle check-in rate instead of the lock ({@link #checkIns}).
 */
public final class FleetBench {
    private static final String TOKEN = "lk_bench-fleet-token-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Ten minutes per 100,000 devices, at least ten: a 1,000,000-device lock runs for most of an hour here. */
    private static Duration giveUp(int devices) {
        return Duration.ofMinutes(Math.max(10, devices / 10_000));
    }
    private static final String CA_PASSWORD = "fleet-bench-ca-password";
    private static final String CHECK_INS_ONLY = "fleet.checkIns";
    /** As AppleFleetBench: at most this many distinct devices send the Idle reports. */
    private static final int CHECK_IN_DEVICES = 2_000;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
    private String base;

    public static void main(String[] args) throws Exception {
        new FleetBench().run(Integer.parseInt(args[0]), args[1], args);
    }

    private void run(int n, String vendor, String[] args) throws Exception {
        Path dir = BenchDirectory.create("latchkey-fleet-bench");
        // The device CA made here (RSA-2048; the server makes RSA-3072) so that seeding can issue from it.
        Path caDir = Files.createDirectories(dir.resolve("data").resolve("apple"));
        CaIdentity ca = SelfSignedCa.create("Latchkey Apple device CA", 2048, Clock.systemUTC());
        new Pkcs12CaDirectory(caDir, CA_PASSWORD.toCharArray()).save(ca);
        int apple = n / 3;
        int windows = n / 3;
        int android = n - apple - windows;
        try (StandIns standIns = StandIns.start(dir.resolve("stand-ins"), true, true, true)) {
            // The port is chosen once the stand-ins hold theirs: chosen before, one of them once took it.
            int port = freePort();
            URI server = URI.create("http://127.0.0.1:" + port);
            Map<Option, String> options = new EnumMap<>(standIns.serverSettings(server));
            options.put(Option.PORT, Integer.toString(port));
            options.put(Option.BIND, "127.0.0.1");
            options.put(Option.DATA_DIR, dir.resolve("data").toString());
            options.put(Option.BOOTSTRAP_ADMIN_TOKEN, TOKEN);
            options.put(Option.APPLE_CA_PASSWORD, CA_PASSWORD);
            options.put(Option.APPLE_APNS_RATE, "5000");
            options.put(Option.ANDROID_RATE, "1000");
            options.put(Option.DATABASE_POOL_SIZE, "20");
            BenchDatabase.put(options, vendor, args, 2);
            Settings settings = SettingsLoader.load(options, null, Map.of());
            try (App app = App.open(settings)) {
                app.bootstrap(settings.bootstrapAdminUser(), null, TOKEN);
                base = "http://127.0.0.1:" + app.serve();
                bindEnterprise(standIns);
                // An Android device runs a command 20 ms after it reaches Google, as in the Android bench.
                standIns.google().deviceLatency(Duration.ofMillis(20));
                long s0 = System.nanoTime();
                FleetSeeding.Seeded fleet = new FleetSeeding(URI.create(options.get(Option.PUBLIC_URL)),
                        options.get(Option.APPLE_MDM_TOPIC), ca, Clock.systemUTC()).seed(apple, windows, android,
                        app.storage().imports(), app.storage().deviceIdentities(), app.storage().pushAddresses(),
                        standIns.apns(), standIns.wns(), standIns.google(), StandIns.PROXY_HEADER);
                double seedSeconds = (System.nanoTime() - s0) / 1e9;
                System.err.printf("bench: seeded %,d devices in %.1f s at %s%n", fleet.size(), seedSeconds, Instant.now());
                if (Boolean.getBoolean(CHECK_INS_ONLY)) {
                    checkIns(fleet, vendor, n, seedSeconds);
                } else {
                    measure(app, standIns, fleet, vendor, n, seedSeconds);
                }
            }
        }
    }

    /**
     * With {@code -Dfleet.checkIns=true}: no lock; the Apple Idle check-in rate against {@code /healthz} (as in
     * AppleFleetBench) on a database holding the whole fleet, from devices spread evenly over it, so that the
     * check-in figure is measured at 10,000, 100,000 and 1,000,000 devices too.
     */
    private void checkIns(FleetSeeding.Seeded fleet, String vendor, int n, double seedSeconds) throws Exception {
        var apple = fleet.apple();
        int sample = Math.min(apple.size(), CHECK_IN_DEVICES);
        java.util.List<io.latchkey.simulator.apple.SignedRequest> idles = new java.util.ArrayList<>(sample);
        for (int i = 0; i < sample; i++) {
            apple.get((int) ((long) i * apple.size() / sample)).idleReport().ifPresent(idles::add);
        }
        Rates.CheckIns rates = Rates.appleCheckIns(http, base, idles, 32, Duration.ofSeconds(10));
        String load = Files.readString(Path.of("/proc/loadavg")).substring(0, 14).trim();
        System.out.printf("| %s | %,d | seed (identities issued from the device CA, rows stored; no enrollment exchange) | %.1f s |%n",
                vendor, n, seedSeconds);
        System.out.printf("| %s | %,d | check-ins/s, Idle on /mdm/connect from %,d Apple devices spread over the fleet "
                + "(median of 3 × 10 s, 32 clients) | %,.0f/s (%.0f%% of the bare endpoint) |%n", vendor, n,
                idles.size(), rates.checkIns(), 100 * rates.checkIns() / rates.bare());
        System.out.printf("| %s | %,d | requests/s, bare GET /healthz (same client and stack, baseline; load average %s) | %,.0f/s |%n",
                vendor, n, load, rates.bare());
    }

    private void measure(App app, StandIns standIns, FleetSeeding.Seeded fleet, String vendor, int n,
                         double seedSeconds) throws Exception {
        long apnsBefore = standIns.apns().stats().received();
        long wnsBefore = standIns.wns().stats().received();
        System.gc();
        long start = System.nanoTime();
        String request = JSON.readTree(post("/api/v1/actions",
                "{\"action\":\"remoteLock\",\"target\":{\"groupId\":\"all-devices\"},\"options\":{\"message\":\"bench\"}}"))
                .get("id").asText();
        long stored = System.nanoTime();
        UUID requestId = UUID.fromString(request);
        long apns = 0, wns = 0, amapi = 0, done;
        Map<CommandState, Long> states;
        Duration giveUp = giveUp(n);
        long deadline = start + giveUp.toNanos();
        long nextNote = start;
        while (true) {
            long now = System.nanoTime();
            if (apns == 0 && standIns.apns().stats().received() - apnsBefore >= fleet.apple().size()) {
                apns = now;
            }
            if (wns == 0 && standIns.wns().stats().received() - wnsBefore >= fleet.windows().size()) {
                wns = now;
            }
            if (amapi == 0 && fleet.android().stream().allMatch(d -> d.commandsReceived() > 0)) {
                amapi = now;
            }
            states = app.storage().history().countByState(requestId);
            long answered = states.getOrDefault(CommandState.SUCCEEDED, 0L) + states.getOrDefault(CommandState.FAILED, 0L)
                    + states.getOrDefault(CommandState.NOT_SUPPORTED, 0L);
            if (answered >= n) {
                done = now;
                break;
            }
            if (now > deadline) {
                done = 0;
                break;
            }
            if (now >= nextNote) {
                System.err.printf("bench: %.0f s after the request: %s%n", (now - start) / 1e9, states);
                nextNote = now + Duration.ofSeconds(15).toNanos();
            }
            // A coarse poll: the count is a GROUP BY over the request's commands on the server's database,
            // which shares the machine (every 250 ms it was a fifth of this JVM's samples at 100,000).
            Thread.sleep(n >= 50_000 ? 2_000 : 250);
        }
        String load = Files.readString(Path.of("/proc/loadavg")).substring(0, 14).trim();
        String setup = vendor;
        System.out.printf("| %s | %,d | seed (identities issued from the device CA, rows stored; no enrollment exchange) | %.1f s |%n",
                setup, n, seedSeconds);
        System.out.printf("| %s | %,d | lock: request → all commands stored | %.2f s |%n", setup, n, (stored - start) / 1e9);
        long pushed = Math.max(apns, Math.max(wns, amapi));
        long apnsGot = standIns.apns().stats().received() - apnsBefore;
        long wnsGot = standIns.wns().stats().received() - wnsBefore;
        long amapiGot = fleet.android().stream().filter(d -> d.commandsReceived() > 0).count();
        System.out.printf("| %s | %,d | lock: request → all pushes sent (APNs %s, WNS %s, AMAPI %s) | %s |%n", setup, n,
                secs(apns, start, apnsGot, fleet.apple().size(), giveUp), secs(wns, start, wnsGot, fleet.windows().size(),
                        giveUp), secs(amapi, start, amapiGot, fleet.android().size(), giveUp),
                apns == 0 || wns == 0 || amapi == 0 ? "not all within " + giveUp.toMinutes() + " min" : secs(pushed, start));
        System.out.printf("| %s | %,d | lock: request → all acknowledged (%s) | **%s** |%n", setup, n,
                states.toString().replaceAll("[{}]", "").toLowerCase(java.util.Locale.ROOT),
                done == 0 ? "not within " + giveUp.toMinutes() + " min" : secs(done, start));
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        System.out.printf("| %s | %,d | heap after GC, server and simulated devices in one JVM; RSS (load average %s) | %.0f MiB; %.0f MiB |%n",
                setup, n, load, heap / 1048576.0, rssMiB());
    }

    /** The time, or how many of {@code of} were reached when the bench gave up. */
    private static String secs(long at, long start, long got, int of, Duration giveUp) {
        return at != 0 ? secs(at, start) : String.format("%,d of %,d in %d min", got, of, giveUp.toMinutes());
    }

    private static String secs(long at, long start) {
        return at == 0 ? "–" : String.format(java.util.Locale.ROOT, "%.2f s", (at - start) / 1e9);
    }

    private static double rssMiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (Exception e) {
            // not Linux
        }
        return -1;
    }

    private void bindEnterprise(StandIns standIns) throws Exception {
        standIns.google().pushTo(URI.create(base + "/android/pubsub?token=" + standIns.pushToken()));
        JsonNode signup = JSON.readTree(post("/api/v1/android/signup-urls", "{\"callbackUrl\":\"https://b/cb\"}"));
        URI back = standIns.google().completeSignup(URI.create(signup.get("url").asText()));
        String token = URLDecoder.decode(back.getRawQuery().replaceFirst("^.*enterpriseToken=", ""), StandardCharsets.UTF_8);
        post("/api/v1/android/enterprise", "{\"signupUrlName\":\"" + signup.get("name").asText()
                + "\",\"enterpriseToken\":\"" + token + "\"}");
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private String post(String path, String json) throws Exception {
        return AdminCalls.post(http, base, TOKEN, path, json);
    }
}
