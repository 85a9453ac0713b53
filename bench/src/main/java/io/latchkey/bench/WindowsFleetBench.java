package io.latchkey.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.latchkey.server.App;
import io.latchkey.server.config.Option;
import io.latchkey.server.config.Settings;
import io.latchkey.server.config.SettingsLoader;
import io.latchkey.simulator.push.MockWns;
import io.latchkey.simulator.windows.Behaviour;
import io.latchkey.simulator.windows.SessionConnection;
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
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
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
 * Mode {@code tls}: over Latchkey's own HTTPS, the device certificate as TLS client certificate, one
 * connection per session as a device opens; {@code proxy}: plain HTTP as behind a TLS-terminating proxy
 * that forwards the certificate in a header (the deployment guide's layout, and the Apple benchmark's
 * headline mode).
 *
 * <p>Usage: {@code WindowsFleetBench <devices> <sqlite|h2|postgresql> <tls|proxy> [jdbcUrl user password secretKeyBase64]}
 */
public final class WindowsFleetBench {
    private static final int LOCK_ROUNDS = 3;
    private static final String TOKEN = "lk_bench-windows-token-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CONCURRENCY = 32;
    private static final String PROXY_HEADER = "X-Client-Cert";
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
        boolean proxy = args[2].equals("proxy");
        if (!proxy && !args[2].equals("tls")) {
            throw new IllegalArgumentException("mode must be tls or proxy, was " + args[2]);
        }
        System.setProperty("jdk.httpclient.keepalive.timeout", KEEP_ALIVE_SECONDS); // before any HttpClient
        Path dir = BenchDirectory.create("latchkey-windows-bench");
        ServerTls tls = ServerTls.write(dir);
        SimulatedWindowsFleet.reuseDeviceKeys(true);
        try (MockWns wns = MockWns.start()) {
            Map<Option, String> options = new EnumMap<>(Option.class);
            // Behind a proxy the public URL is the proxy's https:// one (Windows enrolls only over https);
            // the simulator reaches it as plain http on the same port (WindowsDeviceHttp.behindProxy).
            int fixedPort = proxy ? freePort() : 0;
            options.put(Option.PORT, Integer.toString(fixedPort));
            if (proxy) {
                options.put(Option.PUBLIC_URL, "https://127.0.0.1:" + fixedPort);
            }
            options.put(Option.BIND, "127.0.0.1");
            options.put(Option.DATA_DIR, dir.resolve("data").toString());
            options.put(Option.ENROLLMENT_RATE_LIMIT, "0"); // thousands of devices enroll from one address
            options.put(Option.BOOTSTRAP_ADMIN_TOKEN, TOKEN);
            if (proxy) {
                options.put(Option.APPLE_IDENTITY_HEADER, PROXY_HEADER);
                options.put(Option.APPLE_IDENTITY_PROXIES, "127.0.0.1");
            } else {
                options.put(Option.TLS_KEYSTORE, tls.keystore().toString());
                options.put(Option.TLS_KEYSTORE_PASSWORD, tls.password());
            }
            options.put(Option.WINDOWS_WNS_PACKAGE_SID, "ms-app://s-1-15-2-latchkey-bench");
            options.put(Option.WINDOWS_WNS_CLIENT_SECRET, "bench-wns-secret");
            options.put(Option.WINDOWS_WNS_TOKEN_URL, wns.tokenUrl().toString());
            options.put(Option.WINDOWS_WNS_HOSTS, "127.0.0.1");
            options.put(Option.WINDOWS_WNS_ALLOW_HTTP, "true");
            options.put(Option.DATABASE_POOL_SIZE, "20");
            BenchDatabase.put(options, vendor, args, 3);
            Settings settings = SettingsLoader.load(options, null, Map.of());
            try (App app = App.open(settings)) {
                app.bootstrap(settings.bootstrapAdminUser(), null, TOKEN);
                int port = app.serve();
                WindowsFleetBench bench = proxy
                        ? new WindowsFleetBench(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                                .executor(Executors.newVirtualThreadPerTaskExecutor()).build(), "http://127.0.0.1:" + port)
                        : new WindowsFleetBench(tls.client(), "https://localhost:" + port);
                bench.run(vendor + (proxy ? ", behind a TLS proxy" : ", mutual TLS"), devices, wns,
                        proxy ? WindowsDeviceHttp.behindProxy(PROXY_HEADER) : WindowsDeviceHttp.trusting(tls.certificate()),
                        proxy ? null : tls);
            }
        }
    }

    private void run(String setup, int n, MockWns wns, WindowsDeviceHttp deviceHttp, ServerTls tls) throws Exception {
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
        // One action for the whole fleet, LOCK_ROUNDS times (a device locked already is locked again):
        // one run of a few tens of seconds on a shared machine is noise; the median of three is less so.
        List<double[]> rounds = new ArrayList<>();
        for (int round = 0; round < LOCK_ROUNDS; round++) {
            rounds.add(lockAll(n, fleet, wns));
        }
        System.err.println("bench: all acknowledged at " + Instant.now());
        long locked = fleet.devices().stream().filter(d -> d.status().locked()).count();
        System.out.printf("| %s | %,d | enroll (discovery + policies + enrollment, one-time code) | %.1f s (%,.0f devices/s) |%n",
                setup, n, enrollSeconds, n / enrollSeconds);
        System.out.printf("| %s | %,d | first OMA-DM session (inventory, channel URI; %d clients) | %.1f s (%,.0f sessions/s) |%n",
                setup, n, CONCURRENCY, firstSeconds, n / firstSeconds);
        System.out.printf("| %s | %,d | lock: request → all commands stored (median of %d rounds; each) | %s |%n",
                setup, n, LOCK_ROUNDS, seconds(rounds, 0));
        System.out.printf("| %s | %,d | lock: request → all pushes at the mock WNS (median; each) | %s |%n", setup, n,
                seconds(rounds, 1));
        System.out.printf("| %s | %,d | lock: request → all acknowledged (%,d devices locked; median; each) | %s |%n",
                setup, n, locked, "**" + seconds(rounds, 2).replaceFirst(" ", "** "));

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
        List<Double> bareFresh = new ArrayList<>();
        URI healthz = URI.create(base + "/healthz");
        List<SSLContext> contexts = new ArrayList<>();
        for (int c = 0; tls != null && c < CONCURRENCY; c++) {
            contexts.add(tls.context());
        }
        for (int round = 0; round < 3; round++) {
            // Over TLS, also the bare endpoint the way a device reaches the server: a connection of its
            // own per request, the TLS session resumed (each client has its own cache, as each device has).
            if (tls != null) {
                bareFresh.add(Rates.rate(CONCURRENCY, RATE_WINDOW, i -> {
                    try (SessionConnection c = SessionConnection.open(contexts.get(i % CONCURRENCY), healthz, 30_000)) {
                        return c.get(healthz) == 200;
                    } catch (Exception e) {
                        System.err.println("bench: GET /healthz on a new connection failed: " + e);
                        return false;
                    }
                }));
            }
            bare.add(Rates.rate(CONCURRENCY, RATE_WINDOW, i -> {
                try {
                    return http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                } catch (Exception e) {
                    System.err.println("bench: GET /healthz failed: " + e);
                    return false;
                }
            }));
            sessionRates.add(Rates.rate(CONCURRENCY, RATE_WINDOW, i -> {
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
        double s = Rates.median(sessionRates);
        double h = Rates.median(bare);
        String each = String.format("%,d devices, %.1f messages each; median of 3 × %d s, %d clients",
                sampled.size(), messages.get() / (double) sessions.get(), RATE_WINDOW.toSeconds(), CONCURRENCY);
        if (tls == null) {
            System.out.printf("| %s | %,d | OMA-DM sessions/s, nothing due, certificate header checked each message (%s) | %,.0f/s (%.0f%% of the bare endpoint) |%n",
                    setup, n, each, s, 100 * s / h);
        } else {
            double hf = Rates.median(bareFresh);
            System.out.printf("| %s | %,d | OMA-DM sessions/s, nothing due, one resumed-TLS connection per session, certificate checked each message (%s) | %,.0f/s (%.0f%% of the bare endpoint on a new connection each, %.0f%% of it on kept-alive connections) |%n",
                    setup, n, each, s, 100 * s / hf, 100 * s / h);
            System.out.printf("| %s | %,d | requests/s, bare GET /healthz on a new resumed-TLS connection each (baseline) | %,.0f/s |%n",
                    setup, n, hf);
        }
        System.out.printf("| %s | %,d | requests/s, bare GET /healthz on kept-alive connections (baseline) | %,.0f/s |%n",
                setup, n, h);
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    /** One lock of every device: seconds from the request to all stored, all pushed, all acknowledged. */
    private double[] lockAll(int n, SimulatedWindowsFleet fleet, MockWns wns) throws Exception {
        long pushesBefore = wns.stats().received();
        System.err.println("bench: lock submitted at " + Instant.now());
        long start = System.nanoTime();
        String request = JSON.readTree(post("/api/v1/actions",
                "{\"action\":\"remoteLock\",\"target\":{\"groupId\":\"all-devices\"}}")).get("id").asText();
        long stored = System.nanoTime();
        long allPushed = 0;
        while (true) {
            if (allPushed == 0 && wns.stats().received() - pushesBefore >= n) {
                allPushed = System.nanoTime();
            }
            JsonNode progress = JSON.readTree(get("/api/v1/actions/" + request)).get("progress");
            if (progress.get("succeeded").asLong() + progress.get("failed").asLong() >= n) {
                long allAcknowledged = System.nanoTime();
                if (progress.get("succeeded").asLong() != n) {
                    throw new IllegalStateException("not all succeeded: " + progress);
                }
                return new double[] {(stored - start) / 1e9, ((allPushed == 0 ? allAcknowledged : allPushed) - start) / 1e9,
                        (allAcknowledged - start) / 1e9};
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
    }

    /** "median s (each s, each s, …)" of column {@code i}. */
    private static String seconds(List<double[]> rounds, int i) {
        double[] v = rounds.stream().mapToDouble(r -> r[i]).sorted().toArray();
        String each = rounds.stream().map(r -> String.format("%.2f", r[i])).collect(java.util.stream.Collectors.joining(", "));
        return String.format("%.2f s (%s)", v[v.length / 2], each);
    }

    private String get(String path) throws Exception {
        return AdminCalls.get(http, base, TOKEN, path);
    }

    private String post(String path, String json) throws Exception {
        return AdminCalls.post(http, base, TOKEN, path, json);
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
            return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(context())
                    .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER)
                    .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
        }

        /** A TLS context trusting this certificate; each has its own session cache, as each device has. */
        SSLContext context() throws Exception {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("server", certificate);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        }
    }
}
