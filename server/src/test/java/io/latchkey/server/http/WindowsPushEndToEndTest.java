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

import java.net.URI;
import java.nio.file.Path;
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
                TestClient api = new TestClient(base, tls.client(), TOKEN);
                call(api, "/api/v1/import", "{\"users\":[{\"userPrincipalName\":\"wns@example.com\","
                        + "\"displayName\":\"W\"}]}");
                String userId = JSON.readTree(call(api, "/api/v1/users?search=wns@example.com", null))
                        .at("/items/0/id").asText();
                String code = JSON.readTree(call(api, "/api/v1/users/" + userId + "/enrollment-codes",
                        "{\"channel\":\"windows\"}")).get("code").asText();
                SimulatedWindowsDevice pc = new SimulatedWindowsDevice(WindowsPersonality.WINDOWS_11_DESKTOP,
                        Behaviour.RELIABLE, 21, WindowsDeviceHttp.trusting(tls.certificate()));
                pc.enroll(URI.create(base + "/EnrollmentServer/Discovery.svc"), "wns@example.com", code);
                pc.listenOn(wns);
                pc.session(); // reports the channel URI

                String deviceId = JSON.readTree(call(api, "/api/v1/devices?limit=1000", null)).at("/items/0/id")
                        .asText();
                String request = JSON.readTree(call(api, "/api/v1/actions", "{\"action\":\"remoteLock\","
                        + "\"target\":{\"ids\":[\"" + deviceId + "\"]}}")).get("id").asText();

                Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
                while (JSON.readTree(call(api, "/api/v1/actions/" + request, null)).at("/progress/succeeded")
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

    private static String call(TestClient api, String path, String json) {
        return api.ok(json == null ? api.get(path) : api.post(path, json));
    }
}
