package io.latchkey.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.latchkey.simulator.android.AndroidProfile;
import io.latchkey.simulator.android.SimulatedAndroidDevice;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 5, end to end: Latchkey on port 0 talks to the AMAPI stand-in only through the official
 * client; the enterprise is bound through the signup flow, simulated devices enroll with the tokens
 * Latchkey issues and reach the inventory through Pub/Sub push; admin actions give the capability
 * matrix's outcomes, the temporary passcode is revealable only once the device applied it.
 * Push authentication, reconciliation and the request rate have their own classes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AndroidChannelEndToEndTest {
    @TempDir
    static Path dir;
    AndroidTestServer s;

    @BeforeAll
    void start() throws Exception {
        s = AndroidTestServer.start(dir, AndroidTestServer.Push.URL_TOKEN, Map.of());
    }

    @AfterAll
    void stop() {
        if (s != null) {
            s.close();
        }
    }

    @Test
    void enrolledDevicesAppearWithTheirModeOwnershipVersionAndUser() throws Exception {
        SimulatedAndroidDevice phone = s.enrolled("fm@example.com", AndroidProfile.FULLY_MANAGED, 34);
        SimulatedAndroidDevice cope = s.enrolled("cope@example.com", AndroidProfile.WORK_PROFILE_COMPANY_OWNED, 33);
        SimulatedAndroidDevice byod = s.enrolled("byod@example.com", AndroidProfile.WORK_PROFILE_PERSONAL, 34);

        JsonNode fm = s.device(phone);
        assertThat(fm.get("platform").asText()).isEqualTo("Android");
        assertThat(fm.get("osVersion").asText()).isEqualTo("14");
        assertThat(fm.get("model").asText()).isEqualTo("Pixel 8");
        assertThat(fm.at("/state/androidMode").asText()).isEqualTo("fullyManaged");
        assertThat(fm.get("ownership").asText()).isEqualTo("company");
        assertThat(fm.get("enrollingUserId").asText()).isEqualTo(s.userId("fm@example.com"));
        assertThat(s.device(cope).at("/state/androidMode").asText()).isEqualTo("workProfile");
        assertThat(s.device(cope).at("/state/workChallenge").asBoolean()).isTrue();
        assertThat(s.device(cope).get("ownership").asText()).isEqualTo("company");
        assertThat(s.device(byod).get("ownership").asText()).isEqualTo("personal");
        assertThat(s.device(byod).get("matrixRow").asText()).containsIgnoringCase("work profile");
    }

    @Test
    void lockAndPasscodeResetGiveTheMatrixOutcomesAndThePasscodeOnlyOnceApplied() throws Exception {
        SimulatedAndroidDevice phone = s.enrolled("lock-fm@example.com", AndroidProfile.FULLY_MANAGED, 34);
        SimulatedAndroidDevice cope = s.enrolled("lock-cope@example.com", AndroidProfile.WORK_PROFILE_COMPANY_OWNED, 33);
        SimulatedAndroidDevice byod = s.enrolled("lock-byod@example.com", AndroidProfile.WORK_PROFILE_PERSONAL, 34);

        String lock = s.submit("remoteLock", phone, cope, byod);
        s.awaitDone(lock, 3);
        assertThat(s.state(lock, phone)).isEqualTo("succeeded");
        assertThat(s.state(lock, cope)).isEqualTo("succeeded");
        assertThat(phone.deviceLocked()).isTrue();
        assertThat(cope.profileLocked()).as("a work profile with its own challenge locks alone").isTrue();
        assertThat(cope.deviceLocked()).isFalse();
        assertThat(byod.profileLocked()).isTrue();

        // The phone is away: the reset is handed to Google, but the passcode is not revealable yet.
        s.google.online(phone, false);
        String reset = s.submit("resetPasscode", phone, cope, byod);
        AndroidTestServer.await(() -> "sent".equals(s.state(reset, phone)) && !"sent".equals(s.state(reset, byod)));
        assertThat(s.api.post("/api/v1/commands/" + s.command(reset, phone).get("id").asText() + "/secret", "").status())
                .isEqualTo(410);
        s.google.online(phone, true);
        s.awaitDone(reset, 3);

        assertThat(s.state(reset, phone)).isEqualTo("succeeded");
        String passcode = s.secret(reset, phone);
        assertThat(passcode).matches("[0-9]{6,}").isEqualTo(phone.password().orElseThrow());
        assertThat(phone.requireEntry()).isTrue();
        assertThat(s.state(reset, cope)).isEqualTo("succeeded");
        assertThat(s.secret(reset, cope)).isEqualTo(cope.password().orElseThrow());
        assertThat(s.state(reset, byod)).isEqualTo("failed");
        assertThat(s.command(reset, byod).get("detail").asText()).contains("MANAGEMENT_MODE").contains("personal");
        assertThat(s.api.post("/api/v1/commands/" + s.command(reset, byod).get("id").asText() + "/secret", "").status())
                .isEqualTo(410);
    }

    @Test
    void aPasscodeRuleTheDeviceEnforcesOrAnOldAndroidFailsWithAReadableReason() throws Exception {
        SimulatedAndroidDevice strict = s.enrolled("strict@example.com", AndroidProfile.FULLY_MANAGED, 34);
        strict.requireMinimumLength(10);
        SimulatedAndroidDevice old = s.enrolled("old@example.com", AndroidProfile.FULLY_MANAGED, 25);

        String reset = s.submit("resetPasscode", strict, old);
        s.awaitDone(reset, 2);

        assertThat(s.state(reset, strict)).isEqualTo("failed");
        assertThat(s.command(reset, strict).get("detail").asText()).contains("password rules").contains("INVALID_VALUE");
        assertThat(strict.password()).isEmpty();
        assertThat(s.state(reset, old)).isEqualTo("failed");
        assertThat(s.command(reset, old).get("detail").asText()).contains("too old").contains("API_LEVEL");
    }

    @Test
    void retireAndWipeComplete() throws Exception {
        SimulatedAndroidDevice cope = s.enrolled("retire-cope@example.com", AndroidProfile.WORK_PROFILE_COMPANY_OWNED, 34);
        SimulatedAndroidDevice byod = s.enrolled("retire-byod@example.com", AndroidProfile.WORK_PROFILE_PERSONAL, 34);
        SimulatedAndroidDevice phone = s.enrolled("wipe@example.com", AndroidProfile.FULLY_MANAGED, 34);

        String retire = s.submit("retire", cope, byod);
        String wipe = s.submit("wipe", phone);
        s.awaitDone(retire, 2);
        s.awaitDone(wipe, 1);

        assertThat(s.state(retire, cope)).isEqualTo("succeeded");
        assertThat(cope.removal()).contains("relinquished");
        assertThat(s.state(retire, byod)).isEqualTo("succeeded");
        assertThat(byod.removal()).contains("workProfileRemoved");
        assertThat(byod.wipeFlags()).isEmpty();
        assertThat(s.state(wipe, phone)).isEqualTo("succeeded");
        assertThat(phone.removal()).contains("wiped");
        assertThat(phone.wipeFlags()).contains("PRESERVE_RESET_PROTECTION_DATA", "WIPE_EXTERNAL_STORAGE");
        assertThat(phone.wipeReason()).as("devices.delete wipeReasonMessage, shown on the device")
                .hasValueSatisfying(m -> assertThat(m).contains("administrator wiped this device"));
        assertThat(byod.wipeReason()).hasValueSatisfying(m -> assertThat(m).contains("removed this device's work profile"));
        AndroidTestServer.await(() -> !s.find(cope.name()).get("enrolled").asBoolean());
        assertThat(s.device(phone).get("enrolled").asBoolean()).isFalse();
    }

    @Test
    void unsupportedAndUnknownErrorCodesBecomeReadableFailureReasons() throws Exception {
        SimulatedAndroidDevice oem = s.enrolled("oem@example.com", AndroidProfile.FULLY_MANAGED, 34);
        SimulatedAndroidDevice mute = s.enrolled("mute@example.com", AndroidProfile.FULLY_MANAGED, 34);
        oem.failNextCommand("UNSUPPORTED");
        mute.failNextCommand("UNKNOWN");

        String lock = s.submit("remoteLock", oem, mute);
        s.awaitDone(lock, 2);

        assertThat(s.state(lock, oem)).isEqualTo("failed");
        assertThat(s.command(lock, oem).get("detail").asText()).contains("does not support this command")
                .contains("UNSUPPORTED");
        assertThat(s.state(lock, mute)).isEqualTo("failed");
        assertThat(s.command(lock, mute).get("detail").asText()).contains("gave no reason").contains("UNKNOWN");
        assertThat(oem.deviceLocked()).isFalse();
    }

    @Test
    void usageLogsNotificationsAreIgnored() throws Exception {
        // Enrolled while Pub/Sub lost its notifications: Google knows the device, Latchkey does not yet.
        s.google.losePushes(true);
        SimulatedAndroidDevice quiet;
        try {
            quiet = s.enroll("usage@example.com", AndroidProfile.FULLY_MANAGED, 34);
        } finally {
            s.google.losePushes(false);
        }
        String withToken = "/android/pubsub?token=" + AndroidTestServer.PUSH_TOKEN;
        TestClient anonymous = s.api.withToken(null);

        assertThat(anonymous.post(withToken, AndroidTestServer.push(quiet.name(), "USAGE_LOGS")).status())
                .as("acknowledged, so that Pub/Sub does not deliver it again").isEqualTo(204);
        assertThat(s.find(quiet.name())).as("a usage log is no reason to read the device").isNull();
        assertThat(anonymous.post(withToken, AndroidTestServer.push(quiet.name(), "STATUS_REPORT")).status())
                .isEqualTo(204);
        assertThat(s.find(quiet.name())).as("a status report is").isNotNull();
    }

    @Test
    void anOfflineDevicesCommandExpiresAfterItsDuration() throws Exception {
        SimulatedAndroidDevice away = s.enrolled("away@example.com", AndroidProfile.FULLY_MANAGED, 34);
        s.google.online(away, false);

        String lock = s.submit("remoteLock", away);
        AndroidTestServer.await(() -> "sent".equals(s.state(lock, away)));
        AndroidTestServer.await(() -> "expired".equals(s.state(lock, away)), Duration.ofSeconds(15));

        s.google.online(away, true);
        Thread.sleep(300);
        assertThat(away.deviceLocked()).as("an expired command never runs").isFalse();
    }

    @Test
    void quotaAnswersAreRetriedWithBackoff() throws Exception {
        SimulatedAndroidDevice phone = s.enrolled("quota@example.com", AndroidProfile.FULLY_MANAGED, 34);
        s.google.failNext(2, 429);

        String lock = s.submit("remoteLock", phone);
        s.awaitDone(lock, 1);

        assertThat(s.state(lock, phone)).isEqualTo("succeeded");
        assertThat(s.app.android().orElseThrow().client().retries()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void notificationsWithABadTokenMalformedOrForUnknownDevicesAreRefusedOrIgnored() throws Exception {
        String enterprise = s.enterprise();
        String unknown = AndroidTestServer.push(enterprise + "/devices/0000000000000000", "ENROLLMENT");
        TestClient anonymous = s.api.withToken(null);
        long before = s.deviceCount();
        String withToken = "/android/pubsub?token=" + AndroidTestServer.PUSH_TOKEN;

        assertThat(anonymous.post("/android/pubsub", unknown).status()).isEqualTo(401);
        assertThat(anonymous.post("/android/pubsub?token=wrong-token-0123456789", unknown).status()).isEqualTo(403);
        assertThat(anonymous.post("/android/pubsub", unknown, Map.of("Authorization", "Bearer nope")).status())
                .isEqualTo(403);
        assertThat(anonymous.post(withToken, "{\"message\":").status()).isEqualTo(400);
        assertThat(anonymous.post(withToken, "{\"message\":{\"data\":\"!!\"}}").status())
                .isEqualTo(400);
        assertThat(anonymous.post(withToken, unknown).status())
                .as("acknowledged so Pub/Sub stops, but not stored").isEqualTo(204);
        assertThat(anonymous.post(withToken,
                AndroidTestServer.push("enterprises/LCother/devices/abc", "STATUS_REPORT")).status()).isEqualTo(204);
        assertThat(anonymous.post(withToken,
                AndroidTestServer.push(enterprise + "/devices/abc/operations/1", "COMMAND")).status()).isEqualTo(204);
        assertThat(s.deviceCount()).isEqualTo(before);
    }

    @Test
    void anEnrollmentTokenComesAsAQrPng() throws Exception {
        String userId = s.user("qr@example.com");
        var png = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        URI.create(s.base + "/api/v1/users/" + userId + "/android-enrollment-tokens"))
                .header("Authorization", "Bearer " + AndroidTestServer.TOKEN).header("Accept", "image/png")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"mode\":\"workProfilePersonal\"}")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());

        assertThat(png.statusCode()).isEqualTo(201);
        assertThat(png.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(QrDecoding.decode(png.body())).startsWith("https://enterprise.google.com/android/enroll?et=");
    }
}
