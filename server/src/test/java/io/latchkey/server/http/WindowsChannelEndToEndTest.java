package io.latchkey.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.latchkey.server.App;
import io.latchkey.server.config.Option;
import io.latchkey.server.config.Settings;
import io.latchkey.server.config.SettingsLoader;
import io.latchkey.simulator.windows.Behaviour;
import io.latchkey.simulator.windows.CurrentUser;
import io.latchkey.simulator.windows.SimulatedWindowsDevice;
import io.latchkey.simulator.windows.WindowsDeviceHttp;
import io.latchkey.simulator.windows.WindowsPersonality;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 4, end to end over HTTPS on loopback: simulated Windows devices enroll through the real
 * discovery → policy → enrollment flow with a one-time code as the password, then run OMA-DM
 * sessions authenticated by their certificate as TLS client certificate; admin actions settle as
 * the devices answer, and the capability matrix's Windows rules hold.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WindowsChannelEndToEndTest {
    private static final String TOKEN = "lk_windows-e2e-token-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    App app;
    String base;
    HttpClient admin;
    TestClient api;
    TestTls tls;

    @BeforeAll
    void start() throws Exception {
        tls = TestTls.write(dir);
        Settings settings = SettingsLoader.load(Map.of(Option.PORT, "0", Option.BIND, "127.0.0.1",
                Option.DATA_DIR, dir.resolve("data").toString(), Option.BOOTSTRAP_ADMIN_TOKEN, TOKEN,
                Option.TLS_KEYSTORE, tls.keystore().toString(), Option.TLS_KEYSTORE_PASSWORD, tls.password(),
                // retire and wipe reach the devices at once; multi-admin approval has ApprovalEndToEndTest
                Option.APPROVAL_ENABLED, "false"), null,
                Map.of());
        app = App.open(settings);
        app.bootstrap(settings.bootstrapAdminUser(), null, TOKEN);
        base = "https://localhost:" + app.serve();
        admin = tls.client();
        api = new TestClient(base, admin, TOKEN);
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    private SimulatedWindowsDevice enrolled(String upn, WindowsPersonality personality, Behaviour behaviour, long seed)
            throws Exception {
        post("/api/v1/import", "{\"users\":[{\"userPrincipalName\":\"" + upn + "\",\"displayName\":\"W\"}]}");
        String userId = JSON.readTree(get("/api/v1/users?search=" + upn)).at("/items/0/id").asText();
        String code = JSON.readTree(post("/api/v1/users/" + userId + "/enrollment-codes", "{\"channel\":\"windows\"}"))
                .get("code").asText();
        SimulatedWindowsDevice device = new SimulatedWindowsDevice(personality, behaviour, seed,
                WindowsDeviceHttp.trusting(tls.certificate()));
        device.enroll(URI.create(base + "/EnrollmentServer/Discovery.svc"), upn, code);
        device.session();
        return device;
    }

    @Test
    void desktopPhoneAndWindows81EnrollAndObeyTheMatrix() throws Exception {
        SimulatedWindowsDevice desktop = enrolled("pc@example.com", WindowsPersonality.WINDOWS_11_DESKTOP,
                Behaviour.RELIABLE, 11);
        SimulatedWindowsDevice phone = enrolled("phone@example.com", WindowsPersonality.WINDOWS_10_MOBILE,
                Behaviour.RELIABLE, 12);
        SimulatedWindowsDevice legacy = enrolled("legacy@example.com", WindowsPersonality.WINDOWS_81,
                Behaviour.RELIABLE.withCurrentUser(CurrentUser.OTHER_USER), 13);
        JsonNode pc = device(desktop.deviceId());
        JsonNode mobile = device(phone.deviceId());
        JsonNode old = device(legacy.deviceId());
        assertThat(pc.get("platform").asText()).isEqualTo("Windows");
        assertThat(mobile.get("platform").asText()).isEqualTo("Windows Mobile");

        // Lock the desktop and the 8.1 PC: 8.1 with another user signed in is refused with the reason.
        String lock = submit("remoteLock", List.of(pc, old));
        assertThat(commandOf(lock, old).get("state").asText()).isEqualTo("notSupported");
        assertThat(commandOf(lock, old).get("detail").asText()).contains("current user");
        desktop.session();
        assertThat(commandOf(lock, pc).get("state").asText()).isEqualTo("succeeded");
        assertThat(desktop.status().locked()).isTrue();

        // The phone's PIN reset gives the admin the new PIN the phone made.
        String reset = submit("resetPasscode", List.of(mobile));
        phone.session();
        JsonNode resetCommand = commandOf(reset, mobile);
        assertThat(resetCommand.get("state").asText()).isEqualTo("succeeded");
        String pin = JSON.readTree(post("/api/v1/commands/" + resetCommand.get("id").asText() + "/secret", ""))
                .get("value").asText();
        assertThat(pin).isEqualTo(phone.status().currentPin().orElseThrow());

        // Retire the desktop, wipe the phone.
        String retire = submit("retire", List.of(pc));
        String wipe = submit("wipe", List.of(mobile));
        desktop.session();
        phone.session();
        assertThat(commandOf(retire, pc).get("state").asText()).isEqualTo("succeeded");
        assertThat(commandOf(wipe, mobile).get("state").asText()).isEqualTo("succeeded");
        assertThat(device(desktop.deviceId()).get("enrolled").asBoolean()).isFalse();
        assertThat(phone.status().wiped()).isTrue();
    }

    @Test
    void aSessionWithoutAValidCertificateIsRefused() throws Exception {
        HttpResponse<String> r = admin.send(HttpRequest.newBuilder(URI.create(base + "/ManagementServer/MDM.svc"))
                .header("Content-Type", "application/vnd.syncml.dm+xml")
                .POST(HttpRequest.BodyPublishers.ofString("<SyncML xmlns=\"SYNCML:SYNCML1.2\"/>")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(401);
    }

    /** The endpoint reads the identity and its device in one go: a device record deleted refuses its sessions. */
    @Test
    void aDeviceWhoseRecordIsDeletedIsRefused() throws Exception {
        SimulatedWindowsDevice pc = enrolled("gone@example.com", WindowsPersonality.WINDOWS_11_DESKTOP,
                Behaviour.RELIABLE, 811);
        assertThat(pc.session().failure()).isEmpty();
        String id = device(pc.deviceId()).get("id").asText();
        assertThat(api.delete("/v1.0/deviceManagement/managedDevices/" + id).status()).isEqualTo(204);

        assertThat(pc.session().failure()).as("the identity's device is gone").hasValueSatisfying(f ->
                assertThat(f).contains("403"));
    }

    private JsonNode device(String deviceId) throws Exception {
        JsonNode items = JSON.readTree(get("/api/v1/devices?limit=1000")).get("items");
        for (JsonNode d : items) {
            if (deviceId.equalsIgnoreCase(d.path("externalId").asText())) {
                return JSON.readTree(get("/api/v1/devices/" + d.get("id").asText()));
            }
        }
        throw new AssertionError("no device " + deviceId);
    }

    private String submit(String action, List<JsonNode> devices) throws Exception {
        String ids = String.join(",", devices.stream().map(d -> "\"" + d.get("id").asText() + "\"").toList());
        return JSON.readTree(post("/api/v1/actions", "{\"action\":\"" + action + "\",\"target\":{\"ids\":[" + ids
                + "]}}")).get("id").asText();
    }

    private JsonNode commandOf(String request, JsonNode device) throws Exception {
        for (JsonNode c : JSON.readTree(get("/api/v1/actions/" + request + "/commands")).get("items")) {
            if (c.get("deviceId").asText().equals(device.get("id").asText())) {
                return c;
            }
        }
        throw new AssertionError("no command");
    }

    private String get(String path) {
        return api.ok(api.get(path));
    }

    private String post(String path, String json) {
        return api.ok(api.post(path, json));
    }
}
