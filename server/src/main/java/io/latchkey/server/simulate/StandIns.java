package io.latchkey.server.simulate;

import io.latchkey.server.config.Option;
import io.latchkey.simulator.android.AmapiStandIn;
import io.latchkey.simulator.push.MockApns;
import io.latchkey.simulator.push.MockWns;
import io.latchkey.simulator.push.PushCertificateStandIn;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * The push services the simulated devices are woken through, in this process: a mock APNs (HTTP/2 over
 * TLS), a mock WNS and an Android Management API stand-in, each started only when devices of its kind
 * are simulated; and the server settings that point Latchkey at them. Their ports and keys are new at
 * each start, so the server is started (or restarted) with {@link #serverSettings} after the simulator.
 */
public final class StandIns implements AutoCloseable {
    /** The header the simulated TLS proxy forwards each device's certificate in (nginx's $ssl_client_escaped_cert). */
    public static final String PROXY_HEADER = "X-Client-Cert";
    static final String TOPIC = "com.apple.mgmt.External.latchkey-simulate";

    private final Path dir;
    private final MockApns apns;
    private final MockWns wns;
    private final AmapiStandIn google;
    private final String pushToken;

    private StandIns(Path dir, MockApns apns, MockWns wns, AmapiStandIn google) {
        this.dir = dir;
        this.apns = apns;
        this.wns = wns;
        this.google = google;
        byte[] b = new byte[16];
        new SecureRandom().nextBytes(b);
        this.pushToken = HexFormat.of().formatHex(b);
    }

    /** Starts the stand-ins the plan's device counts need; files (push certificate, keys) go to {@code dir}. */
    public static StandIns start(Path dir, boolean apple, boolean windows, boolean android) throws IOException {
        Files.createDirectories(dir);
        MockApns apns = null;
        MockWns wns = null;
        AmapiStandIn google = null;
        try {
            apns = apple ? MockApns.start() : null;
            wns = windows ? MockWns.start() : null;
            google = android ? AmapiStandIn.start() : null;
            return new StandIns(dir, apns, wns, google);
        } catch (RuntimeException e) {
            closeAll(apns, wns, google);
            throw e;
        }
    }

    public MockApns apns() {
        return apns;
    }

    public MockWns wns() {
        return wns;
    }

    public AmapiStandIn google() {
        return google;
    }

    /** The shared secret the stand-in's Pub/Sub pushes carry in their URL. */
    public String pushToken() {
        return pushToken;
    }

    /**
     * The settings the server needs to reach these stand-ins and to accept the simulated devices, which
     * sit behind a TLS-terminating proxy at this host's loopback address: {@code server} is the
     * server's base URL (its public URL becomes the https:// form of it, as the proxy's would be).
     */
    public Map<Option, String> serverSettings(URI server) throws Exception {
        Map<Option, String> s = new EnumMap<>(Option.class);
        s.put(Option.PUBLIC_URL, "https://" + server.getHost() + (server.getPort() < 0 ? "" : ":" + server.getPort()));
        s.put(Option.APPLE_IDENTITY_HEADER, PROXY_HEADER);
        s.put(Option.APPLE_IDENTITY_PROXIES, "127.0.0.1,::1");
        // Every simulated device enrolls from this one address: lift the per-address enrollment limit.
        s.put(Option.ENROLLMENT_RATE_LIMIT, "0");
        if (apns != null) {
            s.put(Option.APPLE_MDM_TOPIC, TOPIC);
            s.put(Option.APPLE_APNS_SERVER, "localhost:" + apns.port());
            s.put(Option.APPLE_APNS_CERTIFICATE, PushCertificateStandIn.write(dir, TOPIC).toAbsolutePath().toString());
            s.put(Option.APPLE_APNS_CERTIFICATE_PASSWORD, PushCertificateStandIn.PASSWORD);
            s.put(Option.APPLE_APNS_TRUSTED_CERTIFICATE,
                    apns.writeServerCertificatePem(dir.resolve("mock-apns.pem")).toAbsolutePath().toString());
        }
        if (wns != null) {
            s.put(Option.WINDOWS_WNS_PACKAGE_SID, "ms-app://s-1-15-2-latchkey-simulate");
            s.put(Option.WINDOWS_WNS_CLIENT_SECRET, "simulate-wns-secret");
            s.put(Option.WINDOWS_WNS_TOKEN_URL, wns.tokenUrl().toString());
            s.put(Option.WINDOWS_WNS_HOSTS, "127.0.0.1");
            s.put(Option.WINDOWS_WNS_ALLOW_HTTP, "true");
        }
        if (google != null) {
            s.put(Option.ANDROID_SERVICE_ACCOUNT_KEY,
                    google.writeServiceAccountKey(dir.resolve("amapi-service-account.json")).toAbsolutePath().toString());
            s.put(Option.ANDROID_AMAPI_ROOT_URL, google.rootUrl().toString());
            s.put(Option.ANDROID_PUBSUB_TOPIC, "projects/" + AmapiStandIn.PROJECT_ID + "/topics/amapi");
            s.put(Option.ANDROID_PUSH_TOKEN, pushToken);
        }
        return s;
    }

    /** The settings as lines of an environment file ({@code set -a; . FILE}), values single-quoted. */
    public static String asEnvironment(Map<Option, String> settings) {
        StringBuilder out = new StringBuilder();
        settings.forEach((o, v) -> out.append(o.env()).append("='").append(v.replace("'", "'\\''")).append("'\n"));
        return out.toString();
    }

    @Override
    public void close() {
        closeAll(apns, wns, google);
    }

    private static void closeAll(AutoCloseable... each) {
        for (AutoCloseable c : each) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception e) {
                    // closing at the end of a run: nothing left to do about it
                }
            }
        }
    }
}
