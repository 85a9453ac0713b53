package io.latchkey.simulator.android;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The platform rules a simulated device applies commands with. */
class SimulatedAndroidDeviceTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static SimulatedAndroidDevice device(AndroidProfile profile, int apiLevel) {
        return new SimulatedAndroidDevice("enterprises/LC1/devices/d", profile, apiLevel, "Pixel", "SIM1",
                "enterprises/LC1/enrollmentTokens/t", null, "enterprises/LC1/policies/p", 6, Instant.EPOCH);
    }

    private static JsonNode command(String json) throws Exception {
        return JSON.readTree(json);
    }

    @Test
    void lockLocksAWorkProfileWithItsOwnChallengeAloneElseTheDevice() throws Exception {
        SimulatedAndroidDevice byod = device(AndroidProfile.WORK_PROFILE_PERSONAL, 34);
        SimulatedAndroidDevice cope10 = device(AndroidProfile.WORK_PROFILE_COMPANY_OWNED, 29);
        SimulatedAndroidDevice oneLock = device(AndroidProfile.WORK_PROFILE_PERSONAL, 34);
        oneLock.useOneLock();

        for (SimulatedAndroidDevice d : List.of(byod, cope10, oneLock)) {
            assertThat(d.apply(command("{\"type\":\"LOCK\"}"))).isNull();
        }
        assertThat(byod.profileLocked()).isTrue();
        assertThat(byod.deviceLocked()).isFalse();
        assertThat(cope10.deviceLocked()).as("organization-owned work profile on Android 10").isTrue();
        assertThat(oneLock.deviceLocked()).isTrue();
    }

    @Test
    void resetPasswordFollowsAndroid14AndTheModeAndTheApiLevel() throws Exception {
        SimulatedAndroidDevice phone = device(AndroidProfile.FULLY_MANAGED, 34);
        assertThat(phone.apply(command("{\"type\":\"RESET_PASSWORD\",\"newPassword\":\"12345\"}")))
                .isEqualTo("INVALID_VALUE");
        assertThat(phone.apply(command("{\"type\":\"RESET_PASSWORD\",\"newPassword\":\"135792\","
                + "\"resetPasswordFlags\":[\"REQUIRE_ENTRY\",\"LOCK_NOW\"]}"))).isNull();
        assertThat(phone.password()).contains("135792");
        assertThat(phone.requireEntry()).isTrue();
        assertThat(phone.deviceLocked()).isTrue();

        assertThat(device(AndroidProfile.WORK_PROFILE_PERSONAL, 34)
                .apply(command("{\"type\":\"RESET_PASSWORD\",\"newPassword\":\"135792\"}"))).isEqualTo("MANAGEMENT_MODE");
        assertThat(device(AndroidProfile.FULLY_MANAGED, 25)
                .apply(command("{\"type\":\"RESET_PASSWORD\",\"newPassword\":\"135792\"}"))).isEqualTo("API_LEVEL");
        assertThat(device(AndroidProfile.FULLY_MANAGED, 34).apply(command("{\"type\":\"REBOOT_INTO_SPACE\"}")))
                .isEqualTo("UNSUPPORTED");
    }

    @Test
    void onlyACompanyOwnedWorkProfileIsRelinquished() throws Exception {
        SimulatedAndroidDevice cope = device(AndroidProfile.WORK_PROFILE_COMPANY_OWNED, 34);
        assertThat(cope.apply(command("{\"type\":\"RELINQUISH_OWNERSHIP\"}"))).isNull();
        assertThat(cope.removal()).contains("relinquished");
        assertThat(device(AndroidProfile.FULLY_MANAGED, 34).apply(command("{\"type\":\"RELINQUISH_OWNERSHIP\"}")))
                .isEqualTo("MANAGEMENT_MODE");
    }

    @Test
    void theResourceHasAmapisShape() {
        JsonNode d = device(AndroidProfile.WORK_PROFILE_COMPANY_OWNED, 33).resource(Instant.EPOCH);
        assertThat(d.get("managementMode").asText()).isEqualTo("PROFILE_OWNER");
        assertThat(d.get("ownership").asText()).isEqualTo("COMPANY_OWNED");
        assertThat(d.at("/softwareInfo/androidVersion").asText()).isEqualTo("13");
        assertThat(d.get("appliedPolicyVersion").isTextual()).as("int64 as a JSON string").isTrue();
        assertThat(d.at("/appliedPasswordPolicies/0/passwordScope").asText()).isEqualTo("SCOPE_PROFILE");
    }
}
