package io.latchkey.server.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.latchkey.server.App;
import io.latchkey.server.config.Option;
import io.latchkey.server.config.Settings;
import io.latchkey.server.config.SettingsLoader;
import io.latchkey.server.http.TestTls;
import io.latchkey.simulator.android.AmapiStandIn;
import io.latchkey.simulator.android.AndroidProfile;
import io.latchkey.simulator.android.SimulatedAndroidDevice;
import io.latchkey.simulator.apple.AppleModel;
import io.latchkey.simulator.apple.DeviceHttp;
import io.latchkey.simulator.apple.SimulatedAppleDevice;
import io.latchkey.simulator.windows.Behaviour;
import io.latchkey.simulator.windows.CurrentUser;
import io.latchkey.simulator.windows.SimulatedWindowsDevice;
import io.latchkey.simulator.windows.WindowsDeviceHttp;
import io.latchkey.simulator.windows.WindowsPersonality;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.net.URI;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Map;

/**
 * A real server over HTTPS on a free port with devices that enrolled through the real protocols:
 * two iPhones (Ana), a Windows 10 Mobile phone (Ben), a Windows 8.1 PC where another user is
 * signed in (Carl), a Windows 11 PC (Erin), a fully managed Android phone (Fay, enrolled with a token
 * through an AMAPI stand-in whose enterprise was bound by the signup flow) and a PC managed by the
 * agent client software (Dana, imported: no protocol). The Android side has no Pub/Sub push (the
 * stand-in would not trust the test certificate): the server's one-second devices.list and
 * operation polling bring the news instead, which is the channel's documented fallback.
 */
final class ConsoleFleet implements AutoCloseable {
    static final String ADMIN = "admin";
    static final String PASSWORD = "console-test-password";
    static final String TOKEN = "lk_console-browser-token-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();

    final App app;
    final String base;
    final java.net.http.HttpClient http;
    final TestTls tls;
    final SimulatedAppleDevice iphone1;
    final SimulatedAppleDevice iphone2;
    final SimulatedWindowsDevice phone;
    final SimulatedWindowsDevice legacy;
    final SimulatedWindowsDevice desktop;
    final String agentPcName = "FIN-PC-AGENT-01";
    final AmapiStandIn google;
    final SimulatedAndroidDevice android;
    /** The Android phone's name as the console lists it. */
    final String androidName;

    /**
     * Without multi-admin approval: these tests are about the task flows themselves (a wipe of two
     * devices would otherwise wait for a second administrator); ConsoleApprovalBrowserTest has it on.
     */
    ConsoleFleet(Path dir) throws Exception {
        this(dir, false);
    }

    ConsoleFleet(Path dir, boolean approvals) throws Exception {
        tls = TestTls.write(dir);
        google = AmapiStandIn.start();
        Path key = google.writeServiceAccountKey(dir.resolve("service-account.json"));
        Settings settings = SettingsLoader.load(Map.ofEntries(Map.entry(Option.PORT, "0"),
                Map.entry(Option.BIND, "127.0.0.1"), Map.entry(Option.DATA_DIR, dir.resolve("data").toString()),
                Map.entry(Option.TLS_KEYSTORE, tls.keystore().toString()),
                Map.entry(Option.TLS_KEYSTORE_PASSWORD, tls.password()),
                Map.entry(Option.ANDROID_SERVICE_ACCOUNT_KEY, key.toString()),
                Map.entry(Option.ANDROID_AMAPI_ROOT_URL, google.rootUrl().toString()),
                Map.entry(Option.ANDROID_COMMAND_DURATION, "5s"),
                Map.entry(Option.ANDROID_POLL_EVERY, "1s"),
                Map.entry(Option.ANDROID_RECONCILE_EVERY, "1s"),
                Map.entry(Option.APPROVAL_ENABLED, Boolean.toString(approvals))), null, Map.of());
        app = App.open(settings);
        app.bootstrap(ADMIN, PASSWORD, TOKEN);
        base = "https://localhost:" + app.serve();
        http = tls.client();
        ok(post("/api/v1/import", "{\"users\":["
                + "{\"userPrincipalName\":\"ana@example.com\",\"displayName\":\"Ana Martin\"},"
                + "{\"userPrincipalName\":\"ben@example.com\",\"displayName\":\"Ben Dubois\"},"
                + "{\"userPrincipalName\":\"carl@example.com\",\"displayName\":\"Carl Petit\"},"
                + "{\"userPrincipalName\":\"dana@example.com\",\"displayName\":\"Dana Leroy\"},"
                + "{\"userPrincipalName\":\"erin@example.com\",\"displayName\":\"Erin Moreau\"},"
                + "{\"userPrincipalName\":\"fay@example.com\",\"displayName\":\"Fay Girard\"}],"
                + "\"devices\":[{\"name\":\"" + agentPcName + "\",\"platform\":\"Windows\",\"osVersion\":\"10.0.19045\","
                + "\"channel\":\"pcAgent\",\"ownership\":\"company\",\"enrollingUser\":\"dana@example.com\"}]}"));
        DeviceHttp appleHttp = DeviceHttp.trusting(trusting(tls));
        iphone1 = new SimulatedAppleDevice(AppleModel.IPHONE, io.latchkey.simulator.apple.Behaviour.RELIABLE, 71,
                appleHttp);
        iphone2 = new SimulatedAppleDevice(AppleModel.IPHONE, io.latchkey.simulator.apple.Behaviour.RELIABLE, 72,
                appleHttp);
        iphone1.enroll(URI.create(base + "/enroll/apple/profile?code=" + code("ana@example.com", "apple")));
        iphone2.enroll(URI.create(base + "/enroll/apple/profile?code=" + code("ana@example.com", "apple")));
        iphone1.poll();
        iphone2.poll();
        phone = windows("ben@example.com", WindowsPersonality.WINDOWS_10_MOBILE, Behaviour.RELIABLE, 73);
        legacy = windows("carl@example.com", WindowsPersonality.WINDOWS_81,
                Behaviour.RELIABLE.withCurrentUser(CurrentUser.OTHER_USER), 74);
        desktop = windows("erin@example.com", WindowsPersonality.WINDOWS_11_DESKTOP, Behaviour.RELIABLE, 75);
        bindAndroidEnterprise();
        String token = JSON.readTree(ok(post("/api/v1/users/" + userId("fay@example.com")
                + "/android-enrollment-tokens", "{\"mode\":\"fullyManaged\"}"))).get("qrCode").asText();
        android = google.enrollWithQr(token, AndroidProfile.FULLY_MANAGED, 34);
        androidName = awaitDevice(android.name()).get("name").asText();
    }

    /** signupUrls.create → the admin completes Google's pages → enterprises.create with the returned token. */
    private void bindAndroidEnterprise() throws Exception {
        com.fasterxml.jackson.databind.JsonNode signup = JSON.readTree(ok(post("/api/v1/android/signup-urls",
                "{\"callbackUrl\":\"https://mdm.example.com/android/signup-complete\"}")));
        URI back = google.completeSignup(URI.create(signup.get("url").asText()));
        String enterpriseToken = java.net.URLDecoder.decode(back.getRawQuery().replaceFirst("^.*enterpriseToken=", ""),
                java.nio.charset.StandardCharsets.UTF_8);
        ok(post("/api/v1/android/enterprise", JSON.writeValueAsString(Map.of("signupUrlName",
                signup.get("name").asText(), "enterpriseToken", enterpriseToken, "displayName", "Acme"))));
    }

    private com.fasterxml.jackson.databind.JsonNode awaitDevice(String externalId) throws Exception {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            for (var d : JSON.readTree(ok(get("/api/v1/devices?limit=1000"))).get("items")) {
                if (externalId.equals(d.path("externalId").asText())) {
                    return d;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the Android device " + externalId + " never reached the inventory");
    }

    String userId(String upn) throws Exception {
        return JSON.readTree(ok(get("/api/v1/users?search=" + upn))).at("/items/0/id").asText();
    }

    private SimulatedWindowsDevice windows(String upn, WindowsPersonality personality, Behaviour behaviour, long seed)
            throws Exception {
        SimulatedWindowsDevice d = new SimulatedWindowsDevice(personality, behaviour, seed,
                WindowsDeviceHttp.trusting(tls.certificate()));
        d.enroll(URI.create(base + "/EnrollmentServer/Discovery.svc"), upn, code(upn, "windows"));
        d.session();
        return d;
    }

    String code(String upn, String channel) throws Exception {
        return JSON.readTree(ok(post("/api/v1/users/" + userId(upn) + "/enrollment-codes",
                "{\"channel\":\"" + channel + "\"}"))).get("code").asText();
    }

    /** How many remote tasks exist, through the API: proof that a refused form created nothing. */
    int taskCount() throws Exception {
        return JSON.readTree(ok(get("/api/v1/actions?limit=1000"))).get("items").size();
    }

    /** Every simulated device takes its due commands, as it would when woken or at its next poll. */
    void devicesCheckIn() {
        iphone1.poll();
        iphone2.poll();
        phone.session();
        legacy.session();
        desktop.session();
    }

    java.net.http.HttpResponse<String> get(String path) throws Exception {
        return http.send(java.net.http.HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + TOKEN).GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    java.net.http.HttpResponse<String> post(String path, String json) throws Exception {
        return http.send(java.net.http.HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(json)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    static String ok(java.net.http.HttpResponse<String> r) {
        if (r.statusCode() >= 300) {
            throw new AssertionError("HTTP " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    private static SSLContext trusting(TestTls tls) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("server", tls.certificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }

    @Override
    public void close() {
        app.close();
        google.close();
    }
}
