package io.latchkey.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.latchkey.server.App;
import io.latchkey.server.config.Option;
import io.latchkey.server.config.Settings;
import io.latchkey.server.config.SettingsLoader;
import io.latchkey.simulator.android.AmapiStandIn;
import io.latchkey.simulator.android.AndroidProfile;
import io.latchkey.simulator.android.SimulatedAndroidDevice;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 5, end to end: Latchkey on port 0 talks to the AMAPI stand-in only through the official
 * client; the enterprise is bound through the signup flow, simulated devices enroll with the tokens
 * Latchkey issues and reach the inventory through Pub/Sub push; admin actions give the capability
 * matrix's outcomes, the temporary passcode is revealable only once the device applied it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AndroidChannelEndToEndTest {
    private static final String TOKEN = "lk_android-e2e-token-0123456789";
    private static final String PUSH_TOKEN = "push-secret-0123456789abcdef";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    AmapiStandIn google;
    App app;
    TestClient api;
    String base;

    @BeforeAll
    void start() throws Exception {
        google = AmapiStandIn.start();
        Path key = google.writeServiceAccountKey(dir.resolve("service-account.json"));
        Settings settings = SettingsLoader.load(Map.ofEntries(Map.entry(Option.PORT, "0"),
                Map.entry(Option.BIND, "127.0.0.1"), Map.entry(Option.DATA_DIR, dir.resolve("data").toString()),
                Map.entry(Option.BOOTSTRAP_ADMIN_TOKEN, TOKEN),
                Map.entry(Option.ANDROID_SERVICE_ACCOUNT_KEY, key.toString()),
                Map.entry(Option.ANDROID_AMAPI_ROOT_URL, google.rootUrl().toString()),
                Map.entry(Option.ANDROID_PUBSUB_TOPIC, "projects/latchkey-sim/topics/amapi"),
                Map.entry(Option.ANDROID_PUSH_TOKEN, PUSH_TOKEN),
                Map.entry(Option.ANDROID_COMMAND_DURATION, "3s"),
                Map.entry(Option.ANDROID_POLL_EVERY, "1s")), null, Map.of());
        app = App.open(settings);
        app.bootstrap(settings.bootstrapAdminUser(), null, TOKEN);
        int port = app.serve();
        base = "http://127.0.0.1:" + port;
        api = new TestClient(port, TOKEN);
        google.pushTo(URI.create(base + "/android/pubsub?token=" + PUSH_TOKEN));
        bind();
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
        if (google != null) {
            google.close();
        }
    }

    /** signupUrls.create → the admin completes Google's pages → enterprises.create with the returned token. */
    private void bind() throws Exception {
        JsonNode signup = JSON.readTree(api.ok(api.post("/api/v1/android/signup-urls",
                "{\"callbackUrl\":\"https://mdm.example.com/android/signup-complete\"}")));
        URI back = google.completeSignup(URI.create(signup.get("url").asText()));
        String enterpriseToken = URLDecoder.decode(back.getRawQuery().replaceFirst("^.*enterpriseToken=", ""),
                StandardCharsets.UTF_8);
        JsonNode bound = JSON.readTree(api.ok(api.post("/api/v1/android/enterprise", Map.of("signupUrlName",
                signup.get("name").asText(), "enterpriseToken", enterpriseToken, "displayName", "Acme"))));
        assertThat(bound.get("name").asText()).startsWith("enterprises/LC");
        assertThat(JSON.readTree(api.ok(api.get("/api/v1/android/enterprise"))).get("policyName").asText())
                .endsWith("/policies/latchkey-default");
    }

    private String user(String upn) throws Exception {
        api.ok(api.post("/api/v1/import", "{\"users\":[{\"userPrincipalName\":\"" + upn + "\",\"displayName\":\"A\"}]}"));
        return JSON.readTree(api.ok(api.get("/api/v1/users?search=" + upn))).at("/items/0/id").asText();
    }

    private SimulatedAndroidDevice enrolled(String upn, AndroidProfile profile, int apiLevel) throws Exception {
        String mode = switch (profile) {
            case FULLY_MANAGED -> "fullyManaged";
            case WORK_PROFILE_COMPANY_OWNED -> "workProfileCompanyOwned";
            case WORK_PROFILE_PERSONAL -> "workProfilePersonal";
        };
        JsonNode token = JSON.readTree(api.ok(api.post("/api/v1/users/" + user(upn) + "/android-enrollment-tokens",
                "{\"mode\":\"" + mode + "\"}")));
        SimulatedAndroidDevice device = profile == AndroidProfile.WORK_PROFILE_PERSONAL
                ? google.enroll(token.get("enrollmentLink").asText().replaceFirst("^.*et=", ""), profile, apiLevel)
                : google.enrollWithQr(token.get("qrCode").asText(), profile, apiLevel);
        await(() -> find(device.name()) != null);
        return device;
    }

    @Test
    void enrolledDevicesAppearWithTheirModeOwnershipVersionAndUser() throws Exception {
        SimulatedAndroidDevice phone = enrolled("fm@example.com", AndroidProfile.FULLY_MANAGED, 34);
        SimulatedAndroidDevice cope = enrolled("cope@example.com", AndroidProfile.WORK_PROFILE_COMPANY_OWNED, 33);
        SimulatedAndroidDevice byod = enrolled("byod@example.com", AndroidProfile.WORK_PROFILE_PERSONAL, 34);

        JsonNode fm = device(phone);
        assertThat(fm.get("platform").asText()).isEqualTo("Android");
        assertThat(fm.get("osVersion").asText()).isEqualTo("14");
        assertThat(fm.get("model").asText()).isEqualTo("Pixel 8");
        assertThat(fm.at("/state/androidMode").asText()).isEqualTo("fullyManaged");
        assertThat(fm.get("ownership").asText()).isEqualTo("company");
        assertThat(fm.get("enrollingUserId").asText()).isEqualTo(userId("fm@example.com"));
        assertThat(device(cope).at("/state/androidMode").asText()).isEqualTo("workProfile");
        assertThat(device(cope).at("/state/workChallenge").asBoolean()).isTrue();
        assertThat(device(cope).get("ownership").asText()).isEqualTo("company");
        assertThat(device(byod).get("ownership").asText()).isEqualTo("personal");
        assertThat(device(byod).get("matrixRow").asText()).containsIgnoringCase("work profile");
    }

    @Test
    void lockAndPasscodeResetGiveTheMatrixOutcomesAndThePasscodeOnlyOnceApplied() throws Exception {
        SimulatedAndroidDevice phone = enrolled("lock-fm@example.com", AndroidProfile.FULLY_MANAGED, 34);
        SimulatedAndroidDevice cope = enrolled("lock-cope@example.com", AndroidProfile.WORK_PROFILE_COMPANY_OWNED, 33);
        SimulatedAndroidDevice byod = enrolled("lock-byod@example.com", AndroidProfile.WORK_PROFILE_PERSONAL, 34);

        String lock = submit("remoteLock", phone, cope, byod);
        awaitDone(lock, 3);
        assertThat(state(lock, phone)).isEqualTo("succeeded");
        assertThat(state(lock, cope)).isEqualTo("succeeded");
        assertThat(phone.deviceLocked()).isTrue();
        assertThat(cope.profileLocked()).as("a work profile with its own challenge locks alone").isTrue();
        assertThat(cope.deviceLocked()).isFalse();
        assertThat(byod.profileLocked()).isTrue();

        // The phone is away: the reset is handed to Google, but the passcode is not revealable yet.
        google.online(phone, false);
        String reset = submit("resetPasscode", phone, cope, byod);
        await(() -> "sent".equals(state(reset, phone)) && !"sent".equals(state(reset, byod)));
        assertThat(api.post("/api/v1/commands/" + command(reset, phone).get("id").asText() + "/secret", "").status())
                .isEqualTo(410);
        google.online(phone, true);
        awaitDone(reset, 3);

        assertThat(state(reset, phone)).isEqualTo("succeeded");
        String passcode = secret(reset, phone);
        assertThat(passcode).matches("[0-9]{6,}").isEqualTo(phone.password().orElseThrow());
        assertThat(phone.requireEntry()).isTrue();
        assertThat(state(reset, cope)).isEqualTo("succeeded");
        assertThat(secret(reset, cope)).isEqualTo(cope.password().orElseThrow());
        assertThat(state(reset, byod)).isEqualTo("failed");
        assertThat(command(reset, byod).get("detail").asText()).contains("MANAGEMENT_MODE").contains("personal");
        assertThat(api.post("/api/v1/commands/" + command(reset, byod).get("id").asText() + "/secret", "").status())
                .isEqualTo(410);
    }

    @Test
    void aPasscodeRuleTheDeviceEnforcesOrAnOldAndroidFailsWithAReadableReason() throws Exception {
        SimulatedAndroidDevice strict = enrolled("strict@example.com", AndroidProfile.FULLY_MANAGED, 34);
        strict.requireMinimumLength(10);
        SimulatedAndroidDevice old = enrolled("old@example.com", AndroidProfile.FULLY_MANAGED, 25);

        String reset = submit("resetPasscode", strict, old);
        awaitDone(reset, 2);

        assertThat(state(reset, strict)).isEqualTo("failed");
        assertThat(command(reset, strict).get("detail").asText()).contains("password rules").contains("INVALID_VALUE");
        assertThat(strict.password()).isEmpty();
        assertThat(state(reset, old)).isEqualTo("failed");
        assertThat(command(reset, old).get("detail").asText()).contains("too old").contains("API_LEVEL");
    }

    @Test
    void retireAndWipeComplete() throws Exception {
        SimulatedAndroidDevice cope = enrolled("retire-cope@example.com", AndroidProfile.WORK_PROFILE_COMPANY_OWNED, 34);
        SimulatedAndroidDevice byod = enrolled("retire-byod@example.com", AndroidProfile.WORK_PROFILE_PERSONAL, 34);
        SimulatedAndroidDevice phone = enrolled("wipe@example.com", AndroidProfile.FULLY_MANAGED, 34);

        String retire = submit("retire", cope, byod);
        String wipe = submit("wipe", phone);
        awaitDone(retire, 2);
        awaitDone(wipe, 1);

        assertThat(state(retire, cope)).isEqualTo("succeeded");
        assertThat(cope.removal()).contains("relinquished");
        assertThat(state(retire, byod)).isEqualTo("succeeded");
        assertThat(byod.removal()).contains("workProfileRemoved");
        assertThat(byod.wipeFlags()).isEmpty();
        assertThat(state(wipe, phone)).isEqualTo("succeeded");
        assertThat(phone.removal()).contains("wiped");
        assertThat(phone.wipeFlags()).contains("PRESERVE_RESET_PROTECTION_DATA", "WIPE_EXTERNAL_STORAGE");
        await(() -> !find(cope.name()).get("enrolled").asBoolean());
        assertThat(device(phone).get("enrolled").asBoolean()).isFalse();
    }

    @Test
    void anOfflineDevicesCommandExpiresAfterItsDuration() throws Exception {
        SimulatedAndroidDevice away = enrolled("away@example.com", AndroidProfile.FULLY_MANAGED, 34);
        google.online(away, false);

        String lock = submit("remoteLock", away);
        await(() -> "sent".equals(state(lock, away)));
        await(() -> "expired".equals(state(lock, away)), Duration.ofSeconds(15));

        google.online(away, true);
        Thread.sleep(300);
        assertThat(away.deviceLocked()).as("an expired command never runs").isFalse();
    }

    @Test
    void quotaAnswersAreRetriedWithBackoff() throws Exception {
        SimulatedAndroidDevice phone = enrolled("quota@example.com", AndroidProfile.FULLY_MANAGED, 34);
        google.failNext(2, 429);

        String lock = submit("remoteLock", phone);
        awaitDone(lock, 1);

        assertThat(state(lock, phone)).isEqualTo("succeeded");
        assertThat(app.android().orElseThrow().client().retries()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void notificationsWithABadTokenMalformedOrForUnknownDevicesAreRefusedOrIgnored() throws Exception {
        String enterprise = JSON.readTree(api.ok(api.get("/api/v1/android/enterprise"))).get("name").asText();
        String unknown = push(enterprise + "/devices/0000000000000000", "ENROLLMENT");
        TestClient anonymous = api.withToken(null);
        long before = deviceCount();

        assertThat(anonymous.post("/android/pubsub", unknown).status()).isEqualTo(401);
        assertThat(anonymous.post("/android/pubsub?token=wrong-token-0123456789", unknown).status()).isEqualTo(403);
        assertThat(anonymous.post("/android/pubsub", unknown, Map.of("Authorization", "Bearer nope")).status())
                .isEqualTo(403);
        assertThat(anonymous.post("/android/pubsub?token=" + PUSH_TOKEN, "{\"message\":").status()).isEqualTo(400);
        assertThat(anonymous.post("/android/pubsub?token=" + PUSH_TOKEN, "{\"message\":{\"data\":\"!!\"}}").status())
                .isEqualTo(400);
        assertThat(anonymous.post("/android/pubsub?token=" + PUSH_TOKEN, unknown).status())
                .as("acknowledged so Pub/Sub stops, but not stored").isEqualTo(204);
        assertThat(anonymous.post("/android/pubsub?token=" + PUSH_TOKEN,
                push("enterprises/LCother/devices/abc", "STATUS_REPORT")).status()).isEqualTo(204);
        assertThat(anonymous.post("/android/pubsub?token=" + PUSH_TOKEN,
                push(enterprise + "/devices/abc/operations/1", "COMMAND")).status()).isEqualTo(204);
        assertThat(deviceCount()).isEqualTo(before);
    }

    @Test
    void anEnrollmentTokenComesAsAQrPng() throws Exception {
        String userId = user("qr@example.com");
        var png = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        URI.create(base + "/api/v1/users/" + userId + "/android-enrollment-tokens"))
                .header("Authorization", "Bearer " + TOKEN).header("Accept", "image/png")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"mode\":\"workProfilePersonal\"}")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());

        assertThat(png.statusCode()).isEqualTo(201);
        assertThat(png.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(QrDecoding.decode(png.body())).startsWith("https://enterprise.google.com/android/enroll?et=");
    }

    // --- helpers

    private static String push(String resourceName, String type) {
        String data = java.util.Base64.getEncoder().encodeToString(("{\"name\":\"" + resourceName + "\"}")
                .getBytes(StandardCharsets.UTF_8));
        return "{\"message\":{\"data\":\"" + data + "\",\"attributes\":{\"notificationType\":\"" + type
                + "\"},\"messageId\":\"1\"},\"subscription\":\"projects/p/subscriptions/s\"}";
    }

    private long deviceCount() throws Exception {
        return JSON.readTree(api.ok(api.get("/api/v1/devices?limit=1000"))).get("items").size();
    }

    private String userId(String upn) throws Exception {
        return JSON.readTree(api.ok(api.get("/api/v1/users?search=" + upn))).at("/items/0/id").asText();
    }

    private JsonNode find(String externalId) {
        try {
            for (JsonNode d : JSON.readTree(api.ok(api.get("/api/v1/devices?limit=1000"))).get("items")) {
                if (externalId.equals(d.path("externalId").asText())) {
                    return JSON.readTree(api.ok(api.get("/api/v1/devices/" + d.get("id").asText())));
                }
            }
            return null;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode device(SimulatedAndroidDevice d) {
        JsonNode found = find(d.name());
        assertThat(found).as("device " + d.name()).isNotNull();
        return found;
    }

    private String submit(String action, SimulatedAndroidDevice... devices) throws Exception {
        List<String> ids = java.util.Arrays.stream(devices).map(d -> device(d).get("id").asText()).toList();
        return JSON.readTree(api.ok(api.post("/api/v1/actions", Map.of("action", action, "target",
                Map.of("ids", ids))))).get("id").asText();
    }

    private JsonNode command(String request, SimulatedAndroidDevice device) {
        String id = device(device).get("id").asText();
        try {
            for (JsonNode c : JSON.readTree(api.ok(api.get("/api/v1/actions/" + request + "/commands"))).get("items")) {
                if (c.get("deviceId").asText().equals(id)) {
                    return c;
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        throw new AssertionError("no command for " + device.name());
    }

    private String state(String request, SimulatedAndroidDevice device) {
        return command(request, device).get("state").asText();
    }

    private String secret(String request, SimulatedAndroidDevice device) throws Exception {
        return JSON.readTree(api.ok(api.post("/api/v1/commands/" + command(request, device).get("id").asText()
                + "/secret", ""))).get("value").asText();
    }

    private void awaitDone(String request, int commands) {
        await(() -> {
            try {
                int done = 0;
                for (JsonNode c : JSON.readTree(api.ok(api.get("/api/v1/actions/" + request + "/commands")))
                        .get("items")) {
                    String s = c.get("state").asText();
                    done += s.equals("pending") || s.equals("sent") || s.equals("acknowledged") ? 0 : 1;
                }
                return done == commands;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static void await(BooleanSupplier condition) {
        await(condition, Duration.ofSeconds(10));
    }

    private static void await(BooleanSupplier condition, Duration max) {
        long end = System.nanoTime() + max.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("condition not met within " + max);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

}
