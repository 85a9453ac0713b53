package io.latchkey.core.capability;

import io.latchkey.core.inventory.Device;
import io.latchkey.core.inventory.ManagementChannel;
import io.latchkey.core.inventory.Ownership;
import io.latchkey.core.testing.TestDevices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.UUID;
import java.util.stream.Stream;

import static io.latchkey.core.capability.Action.PASSCODE_RESET;
import static io.latchkey.core.capability.Action.REMOTE_LOCK;
import static io.latchkey.core.capability.Action.RETIRE;
import static io.latchkey.core.capability.Action.WIPE;
import static org.assertj.core.api.Assertions.assertThat;

/** Every conditional cell of the capability matrix, both ways. */
class MatrixConditionsTest {

    private static Decision.Supported supported(Device device, Action action) {
        Decision d = CapabilityMatrix.decide(device, action);
        assertThat(d).isInstanceOf(Decision.Supported.class);
        return (Decision.Supported) d;
    }

    private static String refused(Device device, Action action) {
        Decision d = CapabilityMatrix.decide(device, action);
        assertThat(d).isInstanceOf(Decision.NotSupported.class);
        String reason = ((Decision.NotSupported) d).reason();
        assertThat(reason).isNotBlank();
        return reason;
    }

    @Test
    void iosPasscodeResetNeedsAnEscrowedUnlockToken() {
        assertThat(supported(TestDevices.ios().unlockToken(true).build(), PASSCODE_RESET).method())
                .contains("ClearPasscode");
        assertThat(refused(TestDevices.ios().unlockToken(false).build(), PASSCODE_RESET)).contains("UnlockToken");
    }

    @Test
    void iosWithoutUnlockTokenCanStillBeLockedRetiredAndWiped() {
        Device device = TestDevices.ios().unlockToken(false).build();

        assertThat(CapabilityMatrix.decide(device, REMOTE_LOCK).supported()).isTrue();
        assertThat(CapabilityMatrix.decide(device, RETIRE).supported()).isTrue();
        assertThat(CapabilityMatrix.decide(device, WIPE).supported()).isTrue();
    }

    static Stream<Arguments> currentUserEditions() {
        return Stream.of(Arguments.of("Windows 8.1", TestDevices.windows("6.3")),
                Arguments.of("Windows 8.1 (build)", TestDevices.windows("6.3.9600")),
                Arguments.of("Windows RT", TestDevices.windowsRt()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("currentUserEditions")
    void lockNeedsTheCurrentUserToBeTheEnrollingUser(String edition, TestDevices builder) {
        UUID enroller = UUID.randomUUID();
        Device same = builder.enrollingUser(enroller).currentUser(enroller).build();
        Device other = builder.enrollingUser(enroller).currentUser(UUID.randomUUID()).build();
        Device unknown = builder.enrollingUser(enroller).currentUser(null).build();

        Decision.Supported ok = supported(same, REMOTE_LOCK);
        assertThat(ok.method()).isEqualTo("RemoteLock/Lock");
        assertThat(ok.condition()).contains("current user").contains("enrolled");
        assertThat(refused(other, REMOTE_LOCK)).contains("current user");
        assertThat(refused(unknown, REMOTE_LOCK)).contains("current user");
    }

    @Test
    void anUnknownEnrollingUserNeverMatchesAnUnknownCurrentUser() {
        Device device = TestDevices.windows("6.3").enrollingUser(null).currentUser(null).build();

        refused(device, REMOTE_LOCK);
    }

    @Test
    void theCurrentUserConditionDoesNotApplyToWindows10() {
        Device device = TestDevices.windows("10.0.19045").currentUser(UUID.randomUUID()).build();

        assertThat(supported(device, REMOTE_LOCK).condition()).isNull();
    }

    @Test
    void workProfileLockNeedsASeparateWorkChallenge() {
        Decision.Supported ok = supported(TestDevices.androidWorkProfile("13").workChallenge(true).build(),
                REMOTE_LOCK);
        assertThat(ok.method()).contains("work profile");
        assertThat(ok.condition()).contains("separate challenge");

        assertThat(refused(TestDevices.androidWorkProfile("13").workChallenge(false).build(), REMOTE_LOCK))
                .contains("separate challenge");
    }

    @ParameterizedTest
    @ValueSource(strings = {"8", "8.0", "8.0.0", "8.1.0", "10", "14"})
    void workProfilePasscodeResetOnAndroid8OrLater(String version) {
        Decision.Supported ok = supported(TestDevices.androidWorkProfile(version).build(), PASSCODE_RESET);

        assertThat(ok.secret()).isEqualTo(SecretKind.TEMPORARY_PASSCODE);
        assertThat(ok.method()).contains("work profile");
    }

    @ParameterizedTest
    @ValueSource(strings = {"7.1", "7.1.2", "7.0", "6.0.1", "", "unknown"})
    void workProfilePasscodeResetRefusedBeforeAndroid8(String version) {
        assertThat(refused(TestDevices.androidWorkProfile(version).build(), PASSCODE_RESET)).contains("Android 8.0");
    }

    @Test
    void workProfileWipeFactoryResetsACompanyOwnedDevice() {
        Decision.Supported ok = supported(TestDevices.androidWorkProfile("12").ownership(Ownership.COMPANY).build(),
                WIPE);

        assertThat(ok.method()).isEqualTo("factory reset");
        assertThat(ok.condition()).isEqualTo("company-owned");
    }

    @Test
    void workProfileWipeOnlyRemovesTheWorkProfileOfAPersonalDevice() {
        Decision.Supported ok = supported(TestDevices.androidWorkProfile("12").ownership(Ownership.PERSONAL).build(),
                WIPE);

        assertThat(ok.method()).contains("remove the work profile").doesNotContain("factory reset");
        assertThat(ok.condition()).contains("personal");
    }

    @Test
    void workProfileRetireRemovesTheWorkProfile() {
        assertThat(supported(TestDevices.androidWorkProfile("12").build(), RETIRE).method())
                .contains("remove the work profile");
    }

    @ParameterizedTest
    @ValueSource(strings = {"16.1", "16.1.0", "17.0", "16.2"})
    void easRetireNeedsEas161(String eas) {
        assertThat(supported(TestDevices.easOnly(eas).build(), RETIRE).method()).contains("account-only");
    }

    @Test
    void easRetireIsRefusedOnOlderOrUnknownEas() {
        assertThat(refused(TestDevices.easOnly("14.1").build(), RETIRE)).contains("16.1");
        assertThat(refused(TestDevices.easOnly("16.0").build(), RETIRE)).contains("16.1");
        assertThat(refused(TestDevices.easOnly(null).build(), RETIRE)).contains("16.1");
    }

    @ParameterizedTest
    @EnumSource(Action.class)
    void easMdmDevicesTakeTheMdmRow(Action action) {
        Device iosBoth = TestDevices.ios().channel(ManagementChannel.EAS_MDM).easVersion("14.1").build();
        Device iosMdm = TestDevices.ios().channel(ManagementChannel.MDM).build();

        assertThat(MatrixRow.of(iosBoth).row()).isEqualTo(MatrixRow.IOS);
        assertThat(CapabilityMatrix.decide(iosBoth, action)).isEqualTo(CapabilityMatrix.decide(iosMdm, action));
    }

    @Test
    void easMdmLockIsSupportedThoughEasAloneHasNoLock() {
        Device android = TestDevices.androidOwner().channel(ManagementChannel.EAS_MDM).build();

        assertThat(supported(android, REMOTE_LOCK).method()).contains("LOCK");
        assertThat(refused(TestDevices.easOnly("16.1").build(), REMOTE_LOCK)).contains("enroll");
    }

    @ParameterizedTest
    @EnumSource(Action.class)
    void agentPcsRefuseEveryActionWithAReason(Action action) {
        assertThat(refused(TestDevices.pcAgent().build(), action)).contains("agent").contains("MDM");
    }
}
