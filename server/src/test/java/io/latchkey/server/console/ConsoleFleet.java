package io.latchkey.server.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.latchkey.server.App;
import io.latchkey.server.config.Option;
import io.latchkey.server.config.Settings;
import io.latchkey.server.config.SettingsLoader;
import io.latchkey.server.http.TestTls;
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
 * signed in (Carl), a Windows 11 PC (Erin), and a PC managed by the agent client software (Dana,
 * imported: no protocol).
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

    ConsoleFleet(Path dir) throws Exception {
        tls = TestTls.write(dir);
        Settings settings = SettingsLoader.load(Map.of(Option.PORT, "0", Option.BIND, "127.0.0.1",
                Option.DATA_DIR, dir.resolve("data").toString(), Option.TLS_KEYSTORE, tls.keystore().toString(),
                Option.TLS_KEYSTORE_PASSWORD, tls.password()), null, Map.of());
        app = App.open(settings);
        app.bootstrap(ADMIN, PASSWORD, TOKEN);
        base = "https://localhost:" + app.serve();
        http = tls.client();
        ok(post("/api/v1/import", "{\"users\":["
                + "{\"userPrincipalName\":\"ana@example.com\",\"displayName\":\"Ana Martin\"},"
                + "{\"userPrincipalName\":\"ben@example.com\",\"displayName\":\"Ben Dubois\"},"
                + "{\"userPrincipalName\":\"carl@example.com\",\"displayName\":\"Carl Petit\"},"
                + "{\"userPrincipalName\":\"dana@example.com\",\"displayName\":\"Dana Leroy\"},"
                + "{\"userPrincipalName\":\"erin@example.com\",\"displayName\":\"Erin Moreau\"}],"
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
        String userId = JSON.readTree(ok(get("/api/v1/users?search=" + upn))).at("/items/0/id").asText();
        return JSON.readTree(ok(post("/api/v1/users/" + userId + "/enrollment-codes",
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
    }
}
