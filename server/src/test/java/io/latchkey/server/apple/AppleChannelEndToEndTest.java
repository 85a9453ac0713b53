package io.latchkey.server.apple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.latchkey.server.App;
import io.latchkey.server.config.Option;
import io.latchkey.server.config.Settings;
import io.latchkey.server.config.SettingsLoader;
import io.latchkey.simulator.apple.AppleModel;
import io.latchkey.simulator.apple.Behaviour;
import io.latchkey.simulator.apple.DeviceHttp;
import io.latchkey.simulator.apple.SimulatedAppleDevice;
import io.latchkey.simulator.apple.SimulatedAppleFleet;
import io.latchkey.simulator.push.MockApns;
import io.latchkey.simulator.push.PushCertificateStandIn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 3, "Show", end to end over HTTP on loopback: simulated devices (an iPhone, an iPad and a
 * Mac) enroll through the real profile + SCEP + check-in flow, the server pushes through a mock
 * APNs over HTTP/2, the devices answer their command sessions, and every command's state and
 * result in the engine matches what the devices did.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AppleChannelEndToEndTest {
    private static final String TOKEN = "lk_apple-e2e-token-0123456789";
    private static final String TOPIC = "com.apple.mgmt.External.6d2b3f0e-latchkey-e2e";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @TempDir
    static Path dir;
    MockApns apns;
    App app;
    String base;
    SimulatedAppleFleet fleet;
    SimulatedAppleDevice iphone;
    SimulatedAppleDevice ipad;
    SimulatedAppleDevice mac;
    SimulatedAppleDevice lostPhone;

    @BeforeAll
    void start() throws Exception {
        apns = MockApns.start();
        Path p12 = PushCertificateStandIn.write(dir, TOPIC);
        Path pem = apns.writeServerCertificatePem(dir.resolve("mock-apns.pem"));
        Settings settings = SettingsLoader.load(Map.ofEntries(Map.entry(Option.PORT, "0"),
                Map.entry(Option.BIND, "127.0.0.1"), Map.entry(Option.DATA_DIR, dir.resolve("data").toString()),
                Map.entry(Option.BOOTSTRAP_ADMIN_TOKEN, TOKEN), Map.entry(Option.APPLE_MDM_TOPIC, TOPIC),
                Map.entry(Option.APPLE_APNS_SERVER, "localhost:" + apns.port()),
                Map.entry(Option.APPLE_APNS_CERTIFICATE, p12.toString()),
                Map.entry(Option.APPLE_APNS_CERTIFICATE_PASSWORD, PushCertificateStandIn.PASSWORD),
                Map.entry(Option.APPLE_APNS_TRUSTED_CERTIFICATE, pem.toString()),
                Map.entry(Option.APPLE_PROFILE_SIGNING_KEYSTORE,
                        PushCertificateStandIn.write(Files.createDirectories(dir.resolve("signing")), "Latchkey profiles")
                                .toString()),
                Map.entry(Option.APPLE_PROFILE_SIGNING_PASSWORD, PushCertificateStandIn.PASSWORD),
                // retire and wipe reach the devices at once; multi-admin approval has ApprovalEndToEndTest
                Map.entry(Option.APPROVAL_ENABLED, "false")), null, Map.of());
        app = App.open(settings);
        app.bootstrap(settings.bootstrapAdminUser(), null, TOKEN);
        base = "http://127.0.0.1:" + app.serve();

        fleet = new SimulatedAppleFleet(DeviceHttp.shared(), apns, 42);
        iphone = fleet.add("ana@example.com", AppleModel.IPHONE, Behaviour.RELIABLE);
        ipad = fleet.add("ben@example.com", AppleModel.IPAD.withSupervised(true), Behaviour.RELIABLE);
        mac = fleet.add("chloe@example.com", AppleModel.MAC, Behaviour.RELIABLE);
        lostPhone = fleet.add("dan@example.com", AppleModel.IPHONE.withSupervised(true), Behaviour.RELIABLE);
        for (String upn : List.of("ana@example.com", "ben@example.com", "chloe@example.com", "dan@example.com")) {
            importUser(upn);
        }
        var summary = fleet.enrollAll(this::profileUrl, 4);
        assertThat(summary.enrolled()).as(summary.toString()).isEqualTo(4);
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
        if (apns != null) {
            apns.close();
        }
    }

    @Test
    void theProfilesTheDevicesEnrolledWithAreSigned() throws Exception {
        HttpResponse<byte[]> profile = HTTP.send(HttpRequest.newBuilder(profileUrl("ana@example.com")).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(profile.statusCode()).isEqualTo(200);
        var signed = new org.bouncycastle.cms.CMSSignedData(profile.body());
        assertThat(new String((byte[]) signed.getSignedContent().getContent(), java.nio.charset.StandardCharsets.UTF_8))
                .contains("com.apple.mdm");
    }

    @Test
    void threeDevicesEnrollLockClearShowThePinRetireAndErase() throws Exception {
        JsonNode phone = device(iphone);
        JsonNode tablet = device(ipad);
        JsonNode laptop = device(mac);
        assertThat(phone.get("platform").asText()).isEqualTo("iOS");
        assertThat(tablet.get("platform").asText()).isEqualTo("iPadOS");
        assertThat(laptop.get("platform").asText()).isEqualTo("macOS");
        assertThat(phone.get("state").get("unlockTokenEscrowed").asBoolean()).isTrue();
        assertThat(laptop.get("state").get("unlockTokenEscrowed").asBoolean()).isFalse();

        // One action locks all three; pushes wake them; each answers.
        String lock = submit("remoteLock", List.of(phone, tablet, laptop), "{\"message\":\"Lost: call IT\"}");
        awaitAll(lock, "succeeded", 3);
        assertThat(iphone.status().locked()).isTrue();
        assertThat(iphone.status().lockMessage()).contains("Lost: call IT");
        assertThat(ipad.status().locked()).isTrue();
        assertThat(mac.status().locked()).isTrue();
        assertThat(apns.stats().accepted()).isGreaterThanOrEqualTo(3);

        // The Mac's PIN is the action's secret result, and it is the PIN the Mac received.
        String macCommand = commandOf(lock, laptop);
        HttpResponse<String> revealed = send(admin("/api/v1/commands/" + macCommand + "/secret")
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(revealed.statusCode()).as(revealed.body()).isEqualTo(200);
        assertThat(JSON.readTree(revealed.body()).get("value").asText()).isEqualTo(mac.status().lastPin().orElseThrow());

        // Clear the iPhone's passcode with the UnlockToken it escrowed; the Mac has no such thing.
        String clear = submit("resetPasscode", List.of(phone, laptop), "{}");
        awaitAll(clear, "succeeded", 1);
        assertThat(iphone.status().passcodeCleared()).isTrue();
        assertThat(progress(clear).get("notSupported").asInt()).isEqualTo(1);

        // An offline device gets its command at its next check-in.
        ipad.behaviour(Behaviour.RELIABLE.withOnline(false));
        long pushesBefore = apns.stats().received();
        String lostMode = submit("enableLostMode", List.of(tablet), "{\"message\":\"Return to ACME\"}");
        await(() -> apns.stats().received() > pushesBefore);
        assertThat(progress(lostMode).get("pending").asInt()).as("pushed, but nobody came").isEqualTo(1);
        assertThat(ipad.status().lostMode()).isFalse();
        ipad.behaviour(Behaviour.RELIABLE);
        ipad.poll();
        awaitAll(lostMode, "succeeded", 1);
        assertThat(ipad.status().lostMode()).isTrue();

        // Retire the iPad (RemoveProfile, then its CheckOut), erase the iPhone.
        String retire = submit("retire", List.of(tablet), "{}");
        String erase = submit("wipe", List.of(phone), "{}");
        awaitAll(retire, "succeeded", 1);
        awaitAll(erase, "succeeded", 1);
        // The device acts on its answer once the server has taken it: wait for what follows.
        await(() -> ipad.status().checkedOut());
        await(() -> iphone.status().erased());
        await(() -> !device(ipad).get("enrolled").asBoolean());
        assertThat(device(iphone).get("enrolled").asBoolean()).isFalse();

        // Nothing can be asked of them now, and the matrix says why.
        HttpResponse<String> again = send(admin("/api/v1/actions").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"action\":\"remoteLock\",\"target\":{\"ids\":[\""
                        + phone.get("id").asText() + "\"]}}")));
        assertThat(again.body()).contains("\"notSupported\":1");
    }

    /** Issue 6: the Graph beta Lost Mode calls reach a supervised iPhone; v1.0 has no enableLostMode. */
    @Test
    void graphBetaLostModeReachesASupervisedIphoneAndV1HasNoEnableLostMode() throws Exception {
        String id = device(lostPhone).get("id").asText();
        String item = "/beta/deviceManagement/managedDevices/" + id;
        // The matrix needs the iPhone to have said it is supervised: a Graph sync asks it.
        HttpResponse<String> sync = send(admin(item + "/syncDevice").POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(sync.statusCode()).as(sync.body()).isEqualTo(204);
        await(() -> JSON.readTree(send(admin(item).GET()).body()).get("isSupervised").asBoolean());

        HttpResponse<String> enable = send(admin(item + "/enableLostMode").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"message\":\"Found me? Call IT\","
                        + "\"phoneNumber\":\"+1 555 0100\",\"footer\":\"ACME Corp\"}")));
        assertThat(enable.statusCode()).as(enable.body()).isEqualTo(204);
        await(() -> lostPhone.status().lostMode());
        assertThat(lostPhone.status().lostModeMessage()).hasValue("Found me? Call IT");
        assertThat(lostPhone.status().lostModePhoneNumber()).hasValue("+1 555 0100");
        assertThat(lostPhone.status().lostModeFootnote()).hasValue("ACME Corp");
        await(() -> JSON.readTree(send(admin(item).GET()).body()).get("deviceActionResults").toString()
                .matches(".*\"actionName\":\"enableLostMode\",\"actionState\":\"done\".*"));

        HttpResponse<String> disable = send(admin(item + "/disableLostMode").POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(disable.statusCode()).as(disable.body()).isEqualTo(204);
        await(() -> !lostPhone.status().lostMode());

        HttpResponse<String> v1 = send(admin("/v1.0/deviceManagement/managedDevices/" + id + "/enableLostMode")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"message\":\"lost\"}")));
        assertThat(v1.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(v1.body()).at("/error/message").asText()).contains("enableLostMode");
    }

    private URI profileUrl(String upn) {
        try {
            String userId = JSON.readTree(send(admin("/api/v1/users?search=" + upn).GET()).body())
                    .get("items").get(0).get("id").asText();
            HttpResponse<String> issued = send(admin("/api/v1/users/" + userId + "/enrollment-codes")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"channel\":\"apple\"}")));
            String code = JSON.readTree(issued.body()).get("code").asText();
            return URI.create(base + "/enroll/apple/profile?code=" + code);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void importUser(String upn) throws Exception {
        HttpResponse<String> r = send(admin("/api/v1/import").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"users\":[{\"userPrincipalName\":\"" + upn
                        + "\",\"displayName\":\"" + upn + "\"}]}")));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    private JsonNode device(SimulatedAppleDevice d) throws Exception {
        JsonNode items = JSON.readTree(send(admin("/api/v1/devices?search=" + d.serialNumber()).GET()).body())
                .get("items");
        assertThat(items).as("device " + d.serialNumber()).hasSize(1);
        return JSON.readTree(send(admin("/api/v1/devices/" + items.get(0).get("id").asText()).GET()).body());
    }

    private String submit(String action, List<JsonNode> devices, String options) throws Exception {
        String ids = String.join(",", devices.stream().map(d -> "\"" + d.get("id").asText() + "\"").toList());
        HttpResponse<String> r = send(admin("/api/v1/actions").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"action\":\"" + action + "\",\"target\":{\"ids\":[" + ids
                        + "]},\"options\":" + options + "}")));
        assertThat(r.statusCode()).as(r.body()).isIn(200, 201, 202);
        return JSON.readTree(r.body()).get("id").asText();
    }

    private JsonNode progress(String request) throws Exception {
        return JSON.readTree(send(admin("/api/v1/actions/" + request).GET()).body()).get("progress");
    }

    private String commandOf(String request, JsonNode device) throws Exception {
        for (JsonNode c : JSON.readTree(send(admin("/api/v1/actions/" + request + "/commands").GET()).body())
                .get("items")) {
            if (c.get("deviceId").asText().equals(device.get("id").asText())) {
                return c.get("id").asText();
            }
        }
        throw new AssertionError("no command for " + device.get("name"));
    }

    private void awaitAll(String request, String state, int count) throws Exception {
        awaitState(request, state, count);
    }

    private void awaitState(String request, String state, int count) throws Exception {
        await(() -> progress(request).get(state).asInt() == count);
    }

    private static void await(Callable<Boolean> condition) throws Exception {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (!condition.call()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("condition not met within " + PATIENCE);
            }
            Thread.sleep(50);
        }
    }

    private HttpRequest.Builder admin(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + TOKEN);
    }

    private static HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
