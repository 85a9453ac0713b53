package io.latchkey.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.latchkey.server.App;
import io.latchkey.server.config.Option;
import io.latchkey.server.config.Settings;
import io.latchkey.server.config.SettingsLoader;
import io.latchkey.simulator.push.MockWns;
import io.latchkey.simulator.windows.Behaviour;
import io.latchkey.simulator.windows.SimulatedWindowsDevice;
import io.latchkey.simulator.windows.WindowsDeviceHttp;
import io.latchkey.simulator.windows.WindowsPersonality;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 4 item 4: a Windows device reports its WNS channel URI in its session; a lock then wakes it
 * with a raw notification through a local WNS stand-in (token endpoint and channel, the real HTTP
 * shape), and the device runs the session that locks it, with nobody polling.
 */
class WindowsPushEndToEndTest {
    private static final String TOKEN = "lk_windows-push-token-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aLockWakesTheDeviceThroughWnsAndItLocks() throws Exception {
        TestTls tls = TestTls.write(dir);
        try (MockWns wns = MockWns.start()) {
            Settings settings = SettingsLoader.load(Map.ofEntries(Map.entry(Option.PORT, "0"),
                    Map.entry(Option.BIND, "127.0.0.1"), Map.entry(Option.DATA_DIR, dir.resolve("data").toString()),
                    Map.entry(Option.BOOTSTRAP_ADMIN_TOKEN, TOKEN), Map.entry(Option.TLS_KEYSTORE, tls.keystore().toString()),
                    Map.entry(Option.TLS_KEYSTORE_PASSWORD, tls.password()),
                    Map.entry(Option.WINDOWS_WNS_PACKAGE_SID, "ms-app://s-1-15-2-latchkey-test"),
                    Map.entry(Option.WINDOWS_WNS_CLIENT_SECRET, "wns-test-secret"),
                    Map.entry(Option.WINDOWS_WNS_TOKEN_URL, wns.tokenUrl().toString()),
                    Map.entry(Option.WINDOWS_WNS_HOSTS, "127.0.0.1"), Map.entry(Option.WINDOWS_WNS_ALLOW_HTTP, "true")),
                    null, Map.of());
            try (App app = App.open(settings)) {
                app.bootstrap(settings.bootstrapAdminUser(), null, TOKEN);
                String base = "https://localhost:" + app.serve();
                HttpClient admin = client(tls);
                call(admin, base, "/api/v1/import", "{\"users\":[{\"userPrincipalName\":\"wns@example.com\","
                        + "\"displayName\":\"W\"}]}");
                String userId = JSON.readTree(call(admin, base, "/api/v1/users?search=wns@example.com", null))
                        .at("/items/0/id").asText();
                String code = JSON.readTree(call(admin, base, "/api/v1/users/" + userId + "/enrollment-codes",
                        "{\"channel\":\"windows\"}")).get("code").asText();
                SimulatedWindowsDevice pc = new SimulatedWindowsDevice(WindowsPersonality.WINDOWS_11_DESKTOP,
                        Behaviour.RELIABLE, 21, WindowsDeviceHttp.trusting(tls.certificate()));
                pc.enroll(URI.create(base + "/EnrollmentServer/Discovery.svc"), "wns@example.com", code);
                pc.listenOn(wns);
                pc.session(); // reports the channel URI

                String deviceId = JSON.readTree(call(admin, base, "/api/v1/devices?limit=1000", null)).at("/items/0/id")
                        .asText();
                String request = JSON.readTree(call(admin, base, "/api/v1/actions", "{\"action\":\"remoteLock\","
                        + "\"target\":{\"ids\":[\"" + deviceId + "\"]}}")).get("id").asText();

                Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
                while (JSON.readTree(call(admin, base, "/api/v1/actions/" + request, null)).at("/progress/succeeded")
                        .asInt() < 1) {
                    assertThat(Instant.now()).as("locked through a WNS push within 20 s").isBefore(deadline);
                    Thread.sleep(50);
                }
                assertThat(pc.status().locked()).isTrue();
                assertThat(wns.stats().wakes()).isGreaterThanOrEqualTo(1);
                assertThat(wns.stats().tokens()).isGreaterThanOrEqualTo(1);
            }
        }
    }

    private static HttpClient client(TestTls tls) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("server", tls.certificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(context).build();
    }

    private static String call(HttpClient http, String base, String path, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + TOKEN);
        if (json != null) {
            b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path + " " + r.body()).isLessThan(300);
        return r.body();
    }
}
