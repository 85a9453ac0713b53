package io.latchkey.core.capability;

import io.latchkey.core.inventory.Device;
import io.latchkey.core.inventory.ManagementChannel;
import io.latchkey.core.inventory.Platform;
import io.latchkey.core.testing.TestDevices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Which row of the matrix a device falls in ({@link MatrixRow#of}), or why none. */
class MatrixRowTest {

    @ParameterizedTest(name = "{0} {1} → {2}")
    @CsvSource({
            "WINDOWS, 10.0.19045, WINDOWS_DESKTOP",
            "WINDOWS, 10.0.22631.2861, WINDOWS_DESKTOP",
            "WINDOWS, 10.0, WINDOWS_DESKTOP",
            "WINDOWS, 6.3, WINDOWS_81",
            "WINDOWS, 6.3.9600, WINDOWS_81",
            "WINDOWS_MOBILE, 10.0.15063, WINDOWS_10_MOBILE",
            "WINDOWS_MOBILE, 8.10.14219, WINDOWS_PHONE_8",
            "WINDOWS_MOBILE, 8.1, WINDOWS_PHONE_8",
            "WINDOWS_MOBILE, 8.0, WINDOWS_PHONE_8",
            "WINDOWS_RT, 6.3, WINDOWS_RT",
            "WINDOWS_RT, 6.2, WINDOWS_RT",
            "IOS, 17.4.1, IOS",
            "IPADOS, 17.4, IOS",
            "MACOS, 14.4, MACOS",
    })
    void mdmDevicesAreRowedByPlatformAndVersion(Platform platform, String version, MatrixRow row) {
        MatrixRow.Placement placement = MatrixRow.of(TestDevices.device(platform, version).build());

        assertThat(placement.row()).isEqualTo(row);
        assertThat(placement.reasonIfNone()).isNull();
    }

    @ParameterizedTest
    @CsvSource({"6.2", "6.2.9200", "6.1", "''", "garbage"})
    void windowsBefore81HasNoRowAndSaysWhy(String version) {
        MatrixRow.Placement placement = MatrixRow.of(TestDevices.windows(version).build());

        assertThat(placement.row()).isNull();
        assertThat(placement.reasonIfNone()).contains("Windows 8.1 (6.3) or later");
    }

    @Test
    void windows62IsRefusedForEveryActionWithThePlacementReason() {
        Device device = TestDevices.windows("6.2").build();

        for (Action action : Action.values()) {
            Decision d = CapabilityMatrix.decide(device, action);
            assertThat(d).isEqualTo(new Decision.NotSupported(MatrixRow.of(device).reasonIfNone()));
        }
    }

    @Test
    void androidDevicesFollowTheirManagementMode() {
        assertThat(MatrixRow.of(TestDevices.androidOwner().build()).row()).isEqualTo(MatrixRow.ANDROID_DEVICE_OWNER);
        assertThat(MatrixRow.of(TestDevices.androidWorkProfile("12").build()).row())
                .isEqualTo(MatrixRow.ANDROID_WORK_PROFILE);
    }

    @Test
    void androidWithoutAManagementModeHasNoRowAndSaysWhy() {
        Device legacy = TestDevices.device(Platform.ANDROID, "9").androidMode(null).build();

        MatrixRow.Placement placement = MatrixRow.of(legacy);

        assertThat(placement.row()).isNull();
        assertThat(placement.reasonIfNone()).contains("device-administrator").contains("re-enroll");
        assertThat(CapabilityMatrix.decide(legacy, Action.WIPE).supported()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(value = ManagementChannel.class, names = {"MDM", "EAS_MDM"})
    void otherPlatformHasNoRowAndSaysWhy(ManagementChannel channel) {
        Device device = TestDevices.device(Platform.OTHER, "1.0").channel(channel).build();

        assertThat(MatrixRow.of(device).row()).isNull();
        assertThat(MatrixRow.of(device).reasonIfNone()).contains("not known");
        assertThat(((Decision.NotSupported) CapabilityMatrix.decide(device, Action.REMOTE_LOCK)).reason())
                .isEqualTo(MatrixRow.of(device).reasonIfNone());
    }

    @ParameterizedTest
    @EnumSource(Platform.class)
    void everyEasOnlyDeviceTakesTheEasRow(Platform platform) {
        Device device = TestDevices.device(platform, "1.0").channel(ManagementChannel.EAS).build();

        assertThat(MatrixRow.of(device).row()).isEqualTo(MatrixRow.EAS_ONLY);
    }

    @Test
    void agentPcsTakeTheAgentRowWhateverTheirVersion() {
        assertThat(MatrixRow.of(TestDevices.pcAgent().build()).row()).isEqualTo(MatrixRow.WINDOWS_PC_AGENT);
        assertThat(MatrixRow.of(TestDevices.windows("6.1").channel(ManagementChannel.PC_AGENT).build()).row())
                .isEqualTo(MatrixRow.WINDOWS_PC_AGENT);
    }

    @Test
    void easMdmWindowsTakesItsMdmRow() {
        Device device = TestDevices.windows("6.3").channel(ManagementChannel.EAS_MDM).build();

        assertThat(MatrixRow.of(device).row()).isEqualTo(MatrixRow.WINDOWS_81);
    }
}
