package io.latchkey.bench;

import io.latchkey.ca.CaIdentity;
import io.latchkey.ca.DeviceCertificateIssuer;
import io.latchkey.ca.Pkcs12CaDirectory;
import io.latchkey.ca.SelfSignedCa;
import io.latchkey.core.action.ChannelKind;
import io.latchkey.core.enrollment.DeviceIdentity;
import io.latchkey.core.enrollment.PushAddress;
import io.latchkey.core.inventory.AndroidMode;
import io.latchkey.core.inventory.ChannelState;
import io.latchkey.core.inventory.Device;
import io.latchkey.core.inventory.ManagementChannel;
import io.latchkey.core.inventory.Ownership;
import io.latchkey.core.inventory.Platform;
import io.latchkey.core.inventory.User;
import io.latchkey.server.config.Option;
import io.latchkey.server.simulate.StandIns;
import io.latchkey.simulator.apple.AppleModel;
import io.latchkey.simulator.apple.Behaviour;
import io.latchkey.simulator.apple.DeviceHttp;
import io.latchkey.simulator.apple.SignedRequest;
import io.latchkey.simulator.apple.SimulatedAppleDevice;
import io.latchkey.store.jdbc.JdbcStorage;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the Apple check-in rate grows with the fleet, with the server in a process of its own: seeds an
 * embedded (SQLite) database with N enrolled devices (Apple, Windows and Android in thirds, each MDM device
 * with its bound identity and push address, the rows enrollment writes), starts the packaged server on it
 * with a fixed heap, and sends the Idle reports of 2,000 Apple devices spread evenly over the fleet against
 * {@code GET /healthz} (as {@link Rates#appleCheckIns}). Unlike {@code FleetBench -Dfleet.checkIns}, the
 * client JVM holds only those 2,000 devices, so the figure at 1,000,000 is the server's, not the simulated
 * fleet's memory.
 *
 * <p>Only the 2,000 devices that check in get a certificate from the device CA (they must present it); every
 * other device's identity row is written with a fingerprint of its own, as an issued certificate would leave
 * it, without the RSA signature that would make seeding a million devices take most of an hour.
 *
 * <p>Usage: {@code CheckInGrowthBench <latchkey.jar> <devices> <xmx> [checkin.cache.devices]}; prints markdown
 * rows. With {@code 0} as the last argument the server's check-in cache is off: every Idle check-in reads the
 * database, which is what the fleet's size could slow down.
 */
public final class CheckInGrowthBench {
    private static final String TOKEN = "lk_bench_checkin_growth_0123456789";
    private static final String CA_PASSWORD = "checkin-growth-ca-password";
    private static final String TOPIC = "com.apple.mgmt.External.latchkey-checkin-growth";
    private static final int SAMPLE = 2_000;
    private static final int CHUNK = 20_000;

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]);
        int n = Integer.parseInt(args[1]);
        String xmx = args[2];
        List<String> caches = List.of((args.length > 3 ? args[3] : Option.CHECKIN_CACHE_DEVICES.defaultValue() + ",0")
                .split(","));
        Path dir = BenchDirectory.create("latchkey-checkin-growth");
        Path data = dir.resolve("data");
        CaIdentity ca = SelfSignedCa.create("Latchkey Apple device CA", 2048, Clock.systemUTC());
        new Pkcs12CaDirectory(Files.createDirectories(data.resolve("apple")), CA_PASSWORD.toCharArray()).save(ca);
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String publicUrl = "https://127.0.0.1:" + port;
        long s0 = System.nanoTime();
        List<SimulatedAppleDevice> sample = seed(data, n, ca, URI.create(publicUrl));
        double seedSeconds = (System.nanoTime() - s0) / 1e9;
        System.err.printf("bench: seeded %,d devices in %.1f s at %s%n", n, seedSeconds, Instant.now());
        System.out.printf("| %,d | seed (%,d identities from the device CA; the rest written as enrollment "
                + "leaves them) | %.1f s |%n", n, sample.size(), seedSeconds);
        List<SignedRequest> idles = new ArrayList<>(sample.size());
        for (SimulatedAppleDevice d : sample) {
            idles.add(d.idleReport().orElseThrow());
        }
        for (String cacheDevices : caches) {
            measure(jar, dir, port, xmx, cacheDevices, n, idles);
        }
    }

    /** One server start on the seeded database, with this check-in cache size: the rates, then its heap. */
    private static void measure(Path jar, Path dir, int port, String xmx, String cacheDevices, int n,
                                List<SignedRequest> idles) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + xmx, "-jar", jar.toString(), "serve", "--data-dir", dir.resolve("data").toString(), "--bind",
                "127.0.0.1", "--port", String.valueOf(port)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("server.log").toFile()));
        pb.environment().put(Option.BOOTSTRAP_ADMIN_TOKEN.env(), TOKEN);
        pb.environment().put(Option.APPLE_CA_PASSWORD.env(), CA_PASSWORD);
        pb.environment().put(Option.APPLE_MDM_TOPIC.env(), TOPIC);
        pb.environment().put(Option.PUBLIC_URL.env(), "https://127.0.0.1:" + port);
        // The deployment guide's layout: a TLS-terminating proxy forwards each device's certificate.
        pb.environment().put(Option.APPLE_IDENTITY_HEADER.env(), StandIns.PROXY_HEADER);
        pb.environment().put(Option.APPLE_IDENTITY_PROXIES.env(), "127.0.0.1,::1");
        pb.environment().put(Option.CHECKIN_CACHE_DEVICES.env(), cacheDevices);
        String cache = "0".equals(cacheDevices) ? "check-in cache off" : "check-in cache of " + cacheDevices;
        Process server = pb.start();
        try {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
            String base = "http://127.0.0.1:" + port;
            MemoryBench.awaitReady(http, base, server);
            Rates.CheckIns rates = Rates.appleCheckIns(http, base, idles, 32, Duration.ofSeconds(10));
            String load = Files.readString(Path.of("/proc/loadavg")).substring(0, 14).trim();
            double fromMemory = counter(get(http, base + "/metrics"), "latchkey_checkin_cache_answers_total");
            new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    String.valueOf(server.pid()), "GC.run").redirectErrorStream(true).start().waitFor();
            long heap = MemoryBench.heapUsed(get(http, base + "/metrics"));
            long rss = MemoryBench.rssBytes(server.pid());
            System.out.printf("| %,d | check-ins/s, Idle on /mdm/connect from %,d Apple devices spread over the fleet "
                    + "(%s: %,.0f of %,d answered from memory; median of 3 × 10 s, 32 clients) | %,.0f/s (**%.0f%%** "
                    + "of the bare endpoint) |%n", n, idles.size(), cache, fromMemory, rates.checkInCalls(),
                    rates.checkIns(), rates.percent());
            System.out.printf("| %,d | requests/s, bare GET /healthz (same client and stack; load average %s) | "
                    + "%,.0f/s |%n", n, load, rates.bare());
            System.out.printf("| %,d | server heap after GC / RSS after the check-ins (%s, -Xmx%s) | %.1f MiB / "
                    + "%.1f MiB |%n", n, cache, xmx, heap / 1048576.0, rss / 1048576.0);
        } finally {
            server.destroy();
            server.waitFor();
        }
    }

    /**
     * Writes the fleet through the storage ports and returns the sample, enrolled with certificates from the
     * CA. Sample devices sit at every (N / 2,000)th place, so their rows are spread over the tables.
     */
    private static List<SimulatedAppleDevice> seed(Path data, int n, CaIdentity ca, URI publicUrl) throws Exception {
        int sampleSize = Math.min(SAMPLE, n);
        int stride = n / sampleSize;
        DeviceCertificateIssuer issuer = new DeviceCertificateIssuer(ca, Duration.ofDays(365), Clock.systemUTC());
        KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
        gen.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair keys = gen.generateKeyPair();
        PKCS10CertificationRequest csr = new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=seeded"),
                keys.getPublic()).build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate()));
        DeviceHttp proxied = DeviceHttp.behindProxy(StandIns.PROXY_HEADER);
        List<AppleModel> models = List.of(AppleModel.IPHONE, AppleModel.IPAD, AppleModel.MAC);
        UUID userId = UUID.nameUUIDFromBytes("checkin-growth-user".getBytes(StandardCharsets.UTF_8));
        Instant now = Instant.now();
        List<SimulatedAppleDevice> sample = new ArrayList<>(sampleSize);
        try (JdbcStorage storage = JdbcStorage.open(new JdbcStorage.Settings(JdbcStorage.sqliteFileUrl(data),
                "sa", "", 4))) {
            storage.migrate();
            storage.imports().storeAll(List.of(new User(userId, "growth@bench.example", "Check-in growth")), List.of());
            for (int from = 0; from < n; from += CHUNK) {
                int to = Math.min(n, from + CHUNK);
                List<Device> devices = new ArrayList<>(to - from);
                List<DeviceIdentity> identities = new ArrayList<>(to - from);
                List<PushAddress> pushes = new ArrayList<>(to - from);
                for (int i = from; i < to; i++) {
                    UUID id = new UUID(0x6C6B_0000_0000_0000L | n, i);
                    boolean sampled = i % stride == 0 && sample.size() < sampleSize;
                    int kind = sampled ? 0 : i % 3;
                    if (kind == 2) {
                        devices.add(new Device(id, "enterprises/bench/devices/" + i, "Android " + i, Platform.ANDROID,
                                "14", "Pixel 8", "SIM" + i, ManagementChannel.MDM, Ownership.COMPANY, userId, userId,
                                now, now, new ChannelState(false, AndroidMode.FULLY_MANAGED, false, null, false)));
                        continue;
                    }
                    if (kind == 1) {
                        String deviceId = String.format("%032X", i);
                        devices.add(new Device(id, deviceId, "PC-" + i, Platform.WINDOWS, "10.0.22631", null, null,
                                ManagementChannel.MDM, Ownership.COMPANY, userId, userId, now, now, ChannelState.NONE));
                        identities.add(filler("windows-" + i, userId, ChannelKind.WINDOWS_MDM, now)
                                .boundTo(id, deviceId));
                        pushes.add(PushAddress.reported(id, ChannelKind.WINDOWS_MDM,
                                "https://wns.bench.example/?token=" + i, null, null, now));
                        continue;
                    }
                    AppleModel model = models.get(i % 3);
                    SimulatedAppleDevice d = new SimulatedAppleDevice(model, Behaviour.RELIABLE, 1_000_000L + i, proxied);
                    DeviceIdentity identity;
                    if (sampled) {
                        X509Certificate c = issuer.issue(csr, new X500Name("CN=" + d.udid()));
                        d.installEnrollment(publicUrl.resolve("/mdm/connect"), publicUrl.resolve("/mdm/checkin"), TOPIC,
                                keys, c);
                        identity = DeviceIdentity.issued(c.getEncoded(), c.getSerialNumber().toString(16), userId,
                                ChannelKind.APPLE_MDM, now, c.getNotAfter().toInstant());
                        sample.add(d);
                    } else {
                        identity = filler("apple-" + i, userId, ChannelKind.APPLE_MDM, now);
                    }
                    Platform platform = switch (model.platform()) {
                        case IOS -> Platform.IOS;
                        case IPADOS -> Platform.IPADOS;
                        case MACOS -> Platform.MACOS;
                    };
                    devices.add(new Device(id, d.udid(), d.deviceName(), platform, model.osVersion(),
                            model.productName(), d.serialNumber(), ManagementChannel.MDM, Ownership.COMPANY, userId,
                            userId, now, now, new ChannelState(false, null, false, null, false)));
                    identities.add(identity.boundTo(id, d.udid()));
                    pushes.add(PushAddress.reported(id, ChannelKind.APPLE_MDM, d.pushTokenHex(), d.pushMagic(), TOPIC,
                            now));
                }
                storage.imports().storeAll(List.of(), devices);
                identities.parallelStream().forEach(storage.deviceIdentities()::record);
                pushes.parallelStream().forEach(storage.pushAddresses()::save);
                if (to % 100_000 == 0) {
                    System.err.printf("bench: %,d devices stored at %s%n", to, Instant.now());
                }
            }
        }
        return sample;
    }

    /** An identity row as an issued certificate leaves it, for a device that will not present it here. */
    private static DeviceIdentity filler(String name, UUID userId, ChannelKind channel, Instant now) {
        String fingerprint = DeviceIdentity.fingerprint(("checkin-growth-" + name).getBytes(StandardCharsets.UTF_8));
        return new DeviceIdentity(fingerprint, Long.toHexString(fingerprint.hashCode() & 0xFFFFFFFFL), userId, channel,
                now, now.plus(Duration.ofDays(365)), null, null, null);
    }

    private static String get(HttpClient http, String url) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + r.statusCode());
        }
        return r.body();
    }

    private static double counter(String metrics, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + "(?:\\{[^}]*})?\\s+([0-9.eE+-]+)").matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
