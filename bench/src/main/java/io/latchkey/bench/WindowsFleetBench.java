package io.latchkey.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.latchkey.server.App;
import io.latchkey.server.config.Option;
import io.latchkey.server.config.Settings;
import io.latchkey.server.config.SettingsLoader;
import io.latchkey.simulator.push.MockWns;
import io.latchkey.simulator.windows.Behaviour;
import io.latchkey.simulator.windows.SimulatedWindowsDevice;
import io.latchkey.simulator.windows.SimulatedWindowsFleet;
import io.latchkey.simulator.windows.WindowsDeviceHttp;
import io.latchkey.simulator.windows.WindowsFleetSummary;
import io.latchkey.simulator.windows.WindowsPersonality;
import io.latchkey.simulator.windows.WindowsSessionSummary;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntPredicate;

/**
 * Issue 4's benchmark: N simulated Windows devices (Windows 11 desktops and Windows 10 Mobile phones
 * in turn) enroll over Latchkey's own HTTPS (discovery, policy, enrollment with a one-time code as the
 * password) and run one OMA-DM session each, authenticated by their device certificate as TLS client
 * certificate; then ONE action locks them all, each device woken by a raw notification through the mock
 * WNS; timed from the request to all commands stored, all pushes received, all acknowledged. Then the
 * rate of OMA-DM sessions with nothing due (two round trips: the server reads the channel URI back every
 * session) against a bare endpoint ({@code /healthz}) over the same HTTPS, same concurrency, in the same
 * run. Server, mock WNS and simulator share this JVM and machine.
 *
 * <p>Usage: {@code WindowsFleetBench <devices> <h2|postgresql> [jdbcUrl user password secretKeyBase64]}
 */
public final class WindowsFleetBench {
    private static final String TOKEN = "lk_bench-windows-token-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CONCURRENCY = 32;
    private static final int RATE_DEVICES = 1024;
    /**
     * How long the enrollment and admin HTTPS clients keep an idle connection (the JDK's default is 30 s).
     * OMA-DM sessions hold no connection between sessions at all (the simulator's SessionConnection).
     */
    private static final String KEEP_ALIVE_SECONDS = "5";
    private static final Duration RATE_WINDOW = Duration.ofSeconds(10);
    private static final Duration GIVE_UP = Duration.ofMinutes(2);
    private final HttpClient http;
    private final String base;

    private WindowsFleetBench(HttpClient http, String base) {
        this.http = http;
        this.base = base;
    }

    public static void main(String[] args) throws Exception {
        int devices = Integer.parseInt(args[0]);
        String vendor = args[1];
        System.setProperty("jdk.httpclient.keepalive.timeout", KEEP_ALIVE_SECONDS); // before any HttpClient
        Path dir = Files.createTempDirectory("latchkey-windows-bench");
        ServerTls tls = ServerTls.write(dir);
        SimulatedWindowsFleet.reuseDeviceKeys(true);
        try (MockWns wns = MockWns.start()) {
            Map<Option, String> options = new EnumMap<>(Option.class);
            options.put(Option.PORT, "0");
            options.put(Option.BIND, "127.0.0.1");
            options.put(Option.DATA_DIR, dir.resolve("data").toString());
            options.put(Option.BOOTSTRAP_ADMIN_TOKEN, TOKEN);
            options.put(Option.TLS_KEYSTORE, tls.keystore().toString());
            options.put(Option.TLS_KEYSTORE_PASSWORD, tls.password());
            options.put(Option.WINDOWS_WNS_PACKAGE_SID, "ms-app://s-1-15-2-latchkey-bench");
            options.put(Option.WINDOWS_WNS_CLIENT_SECRET, "bench-wns-secret");
            options.put(Option.WINDOWS_WNS_TOKEN_URL, wns.tokenUrl().toString());
            options.put(Option.WINDOWS_WNS_HOSTS, "127.0.0.1");
            options.put(Option.WINDOWS_WNS_ALLOW_HTTP, "true");
            options.put(Option.DATABASE_POOL_SIZE, "20");
            if (vendor.equals("postgresql")) {
                options.put(Option.DATABASE_URL, args[2]);
                options.put(Option.DATABASE_USER, args[3]);
                options.put(Option.DATABASE_PASSWORD, args[4]);
                options.put(Option.SECRET_KEY, args[5]);
            }
            Settings settings = SettingsLoader.load(options, null, Map.of());
            try (App app = App.open(settings)) {
                app.bootstrap(settings.bootstrapAdminUser(), null, TOKEN);
                WindowsFleetBench bench = new WindowsFleetBench(tls.client(), "https://localhost:" + app.serve());
                bench.run(vendor + ", mutual TLS", devices, wns, WindowsDeviceHttp.trusting(tls.certificate()));
            }
        }
    }

    private void run(String setup, int n, MockWns wns, WindowsDeviceHttp deviceHttp) throws Exception {
        String user = "bench@example.com";
        post("/api/v1/import", "{\"users\":[{\"userPrincipalName\":\"" + user + "\",\"displayName\":\"Bench\"}]}");
        String userId = JSON.readTree(get("/api/v1/users?search=" + user)).get("items").get(0).get("id").asText();

        SimulatedWindowsFleet fleet = new SimulatedWindowsFleet(deviceHttp, wns, 7);
        fleet.addMany(n, List.of(WindowsPersonality.WINDOWS_11_DESKTOP, WindowsPersonality.WINDOWS_10_MOBILE),
                Behaviour.RELIABLE, i -> user);
        URI discovery = URI.create(base + "/EnrollmentServer/Discovery.svc");
        long t0 = System.nanoTime();
        WindowsFleetSummary enrolled = fleet.enrollAll(u -> discovery, u -> {
            try {
                return JSON.readTree(post("/api/v1/users/" + userId + "/enrollment-codes",
                        "{\"channel\":\"windows\"}")).get("code").asText();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, CONCURRENCY);
        double enrollSeconds = (System.nanoTime() - t0) / 1e9;
        if (enrolled.enrolled() != n) {
            throw new IllegalStateException("only " + enrolled.enrolled() + " of " + n + " enrolled: " + enrolled);
        }
        // The first session reports the device's inventory and its WNS channel URI.
        long t1 = System.nanoTime();
        WindowsSessionSummary first = fleet.sessionAll(CONCURRENCY);
        double firstSeconds = (System.nanoTime() - t1) / 1e9;
        if (first.sessions() != n || first.failure().isPresent()) {
            throw new IllegalStateException("first sessions: " + first);
        }
        long pushesBefore = wns.stats().received();

        // One action for the whole fleet.
        System.err.println("bench: lock submitted at " + Instant.now());
        long start = System.nanoTime();
        String request = JSON.readTree(post("/api/v1/actions",
                "{\"action\":\"remoteLock\",\"target\":{\"groupId\":\"all-devices\"}}")).get("id").asText();
        long stored = System.nanoTime();
        long allPushed = 0;
        long allAcknowledged;
        while (true) {
            if (allPushed == 0 && wns.stats().received() - pushesBefore >= n) {
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
            if (System.nanoTime() - start > GIVE_UP.toNanos()) {
                System.err.println("stalled: " + progress + "; simulator " + fleet.summary() + "; mock WNS "
                        + wns.stats());
                fleet.devices().stream().filter(d -> !d.status().locked()).limit(5)
                        .forEach(d -> System.err.println("  not locked: " + d + " " + d.status()));
                throw new IllegalStateException("gave up after " + GIVE_UP.toMinutes() + " minutes: " + progress);
            }
            Thread.sleep(100);
        }
        if (allPushed == 0) {
            allPushed = System.nanoTime();
        }
        System.err.println("bench: all acknowledged at " + Instant.now());
        long locked = fleet.devices().stream().filter(d -> d.status().locked()).count();
        System.out.printf("| %s | %,d | enroll (discovery + policies + enrollment, one-time code) | %.1f s (%,.0f devices/s) |%n",
                setup, n, enrollSeconds, n / enrollSeconds);
        System.out.printf("| %s | %,d | first OMA-DM session (inventory, channel URI; %d clients) | %.1f s (%,.0f sessions/s) |%n",
                setup, n, CONCURRENCY, firstSeconds, n / firstSeconds);
        System.out.printf("| %s | %,d | lock: request → all commands stored | %.2f s |%n", setup, n,
                (stored - start) / 1e9);
        System.out.printf("| %s | %,d | lock: request → all pushes at the mock WNS | %.2f s |%n", setup, n,
                (allPushed - start) / 1e9);
        System.out.printf("| %s | %,d | lock: request → all acknowledged (%,d devices locked) | **%.2f s** |%n",
                setup, n, locked, (allAcknowledged - start) / 1e9);

        // Session rate: OMA-DM sessions with nothing due vs a bare endpoint, over the same HTTPS.
        int sample = Math.min(n, RATE_DEVICES);
        if (sample >= CONCURRENCY) {
            sample -= sample % CONCURRENCY; // so that each client keeps to its own devices when it wraps around
        }
        List<SimulatedWindowsDevice> sampled = fleet.devices().subList(0, sample);
        AtomicLong messages = new AtomicLong();
        AtomicLong sessions = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        HttpRequest health = HttpRequest.newBuilder(URI.create(base + "/healthz")).GET().build();
        List<Double> sessionRates = new ArrayList<>();
        List<Double> bare = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            bare.add(rate(i -> {
                try {
                    return http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                } catch (Exception e) {
                    System.err.println("bench: GET /healthz failed: " + e);
                    return false;
                }
            }));
            sessionRates.add(rate(i -> {
                // Client c runs devices c, c + 32, c + 64, …: no two clients share a device. Nothing is
                // due, but the server reads the WNS channel URI back in every session: two round trips.
                WindowsSessionSummary s = sampled.get(i % sampled.size()).session();
                messages.addAndGet(s.messages());
                sessions.addAndGet(s.sessions());
                boolean ok = s.sessions() == 1 && s.failure().isEmpty();
                if (!ok && failed.getAndIncrement() < 3) {
                    System.err.println("bench: session failed: " + s);
                }
                return ok;
            }));
        }
        double s = median(sessionRates);
        double h = median(bare);
        System.out.printf("| %s | %,d | OMA-DM sessions/s, nothing due, certificate checked each time (%,d devices, %.1f messages each; median of 3 × %d s, %d clients) | %,.0f/s (%.0f%% of the bare endpoint) |%n",
                setup, n, sampled.size(), messages.get() / (double) sessions.get(), RATE_WINDOW.toSeconds(),
                CONCURRENCY, s, 100 * s / h);
        System.out.printf("| %s | %,d | requests/s, bare GET /healthz (same HTTPS client settings, baseline) | %,.0f/s |%n",
                setup, n, h);
    }

    /**
     * Calls per second that {@link #CONCURRENCY} clients complete in {@link #RATE_WINDOW}, all successful.
     * Client c passes c, c + CONCURRENCY, c + 2 × CONCURRENCY, … to {@code call}.
     */
    private static double rate(IntPredicate call) throws InterruptedException {
        AtomicLong done = new AtomicLong();
        AtomicLong bad = new AtomicLong();
        long end = System.nanoTime() + RATE_WINDOW.toNanos();
        List<Thread> clients = new ArrayList<>(CONCURRENCY);
        for (int c = 0; c < CONCURRENCY; c++) {
            int first = c;
            clients.add(Thread.ofVirtual().start(() -> {
                for (int i = first; System.nanoTime() < end; i += CONCURRENCY) {
                    (call.test(i) ? done : bad).incrementAndGet();
                }
            }));
        }
        for (Thread t : clients) {
            t.join();
        }
        if (bad.get() > 0) {
            throw new IllegalStateException(bad.get() + " calls failed during the rate test");
        }
        return done.get() / (double) RATE_WINDOW.toSeconds();
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private String get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + TOKEN)
                .GET().build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private String post(String path, String json) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) {
            throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    /**
     * A self-signed certificate for localhost and 127.0.0.1, in a PKCS#12 file the server loads. ECDSA
     * P-256, as certbot and most public CAs now issue by default: the server's signature in each full
     * handshake then costs a fraction of an RSA-2048 one (the devices' own keys stay RSA-2048).
     */
    private record ServerTls(Path keystore, String password, X509Certificate certificate) {

        static ServerTls write(Path dir) throws Exception {
            KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
            ec.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
            KeyPair pair = ec.generateKeyPair();
            X500Name subject = new X500Name("CN=localhost, O=Latchkey bench");
            Instant notBefore = Instant.now().minus(Duration.ofHours(1));
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
                    new BigInteger(64, new SecureRandom()), Date.from(notBefore),
                    Date.from(notBefore.plus(Duration.ofDays(2))), subject, pair.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                    new GeneralName(GeneralName.dNSName, "localhost"),
                    new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
            X509Certificate certificate = new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
            byte[] secret = new byte[16];
            new SecureRandom().nextBytes(secret);
            String password = HexFormat.of().formatHex(secret);
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("latchkey", pair.getPrivate(), password.toCharArray(), new Certificate[] {certificate});
            Path file = dir.resolve("bench-server.p12");
            try (OutputStream out = Files.newOutputStream(file)) {
                store.store(out, password.toCharArray());
            }
            return new ServerTls(file, password, certificate);
        }

        /**
         * The admin API's and the bare endpoint's client: HTTP/1.1 over TLS trusting this certificate,
         * on virtual threads, as the simulated devices' clients are built.
         */
        HttpClient client() throws Exception {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("server", certificate);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(context)
                    .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER)
                    .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
        }
    }
}
