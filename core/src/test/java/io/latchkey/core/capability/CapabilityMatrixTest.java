package io.latchkey.core.capability;

import io.latchkey.core.inventory.AndroidMode;
import io.latchkey.core.inventory.Device;
import io.latchkey.core.testing.TestDevices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.latchkey.core.capability.Action.PASSCODE_RESET;
import static io.latchkey.core.capability.Action.REMOTE_LOCK;
import static io.latchkey.core.capability.Action.RETIRE;
import static io.latchkey.core.capability.Action.WIPE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every row of the capability matrix (product spec section 2) against each of its four actions,
 * on a device that meets the row's conditions; {@link MatrixConditionsTest} turns each condition
 * both ways.
 */
class CapabilityMatrixTest {

    /** What the spec says of one cell: supported or not, a fragment of the method or reason, the secret. */
    record Expect(boolean supported, String text, SecretKind secret) {
        static Expect yes(String method) {
            return new Expect(true, method, SecretKind.NONE);
        }

        static Expect yes(String method, SecretKind secret) {
            return new Expect(true, method, secret);
        }

        static Expect no(String reason) {
            return new Expect(false, reason, null);
        }
    }

    static Stream<Arguments> cells() {
        List<Arguments> cases = new ArrayList<>();
        row(cases, "iOS", TestDevices.ios().unlockToken(true).build(),
                Expect.yes("DeviceLock"), Expect.yes("ClearPasscode"), Expect.yes("enrollment profile"),
                Expect.yes("EraseDevice"));
        row(cases, "iPadOS", TestDevices.device(io.latchkey.core.inventory.Platform.IPADOS, "17.4").unlockToken(true)
                        .build(),
                Expect.yes("DeviceLock"), Expect.yes("ClearPasscode"), Expect.yes("enrollment profile"),
                Expect.yes("EraseDevice"));
        row(cases, "macOS", TestDevices.macos().build(),
                Expect.yes("6-digit PIN", SecretKind.LOCK_PIN), Expect.no("Apple offers no passcode clear for macOS"),
                Expect.yes("enrollment profile"), Expect.yes("EraseDevice with a server-generated", SecretKind.LOCK_PIN));
        row(cases, "Android fully managed", TestDevices.androidOwner().build(),
                Expect.yes("LOCK"), Expect.yes("RESET_PASSWORD", SecretKind.TEMPORARY_PASSCODE),
                Expect.yes("Android Management API"), Expect.yes("factory reset"));
        row(cases, "Android dedicated", TestDevices.androidOwner().androidMode(AndroidMode.DEDICATED).build(),
                Expect.yes("LOCK"), Expect.yes("RESET_PASSWORD", SecretKind.TEMPORARY_PASSCODE),
                Expect.yes("Android Management API"), Expect.yes("factory reset"));
        row(cases, "Android work profile 8.0", TestDevices.androidWorkProfile("8.0.0").workChallenge(true).build(),
                Expect.yes("LOCK on the work profile"),
                Expect.yes("RESET_PASSWORD on the work profile", SecretKind.TEMPORARY_PASSCODE),
                Expect.yes("remove the work profile"), Expect.yes("factory reset"));
        row(cases, "Windows 10 desktop", TestDevices.windows("10.0.19045").build(),
                Expect.yes("RemoteLock/Lock"), Expect.no("does not list passcode reset"),
                Expect.yes("DMClient unenroll"), Expect.yes("RemoteWipe/doWipe"));
        row(cases, "Windows 11 desktop", TestDevices.windows("10.0.22631.2861").build(),
                Expect.yes("RemoteLock/Lock"), Expect.no("does not list passcode reset"),
                Expect.yes("DMClient unenroll"), Expect.yes("doWipeProtected"));
        row(cases, "Windows 10 Mobile", TestDevices.windowsMobile("10.0.15063").build(),
                Expect.yes("RemoteLock/Lock"), Expect.yes("LockAndResetPIN, then Get NewPINValue", SecretKind.NEW_PIN),
                Expect.yes("DMClient unenroll"), Expect.yes("RemoteWipe/doWipe"));
        row(cases, "Windows Phone 8.1", TestDevices.windowsMobile("8.10.14219").build(),
                Expect.yes("RemoteLock/Lock"), Expect.yes("LockAndResetPIN, then Get NewPINValue", SecretKind.NEW_PIN),
                Expect.yes("DMClient unenroll"), Expect.yes("RemoteWipe/doWipe"));
        row(cases, "Windows Phone 8", TestDevices.windowsMobile("8.0.10211").build(),
                Expect.yes("RemoteLock/Lock"), Expect.yes("LockAndResetPIN", SecretKind.NEW_PIN),
                Expect.yes("DMClient unenroll"), Expect.yes("RemoteWipe/doWipe"));
        row(cases, "Windows RT, current user = enrolling user", TestDevices.windowsRt().build(),
                Expect.yes("RemoteLock/Lock"), Expect.no("not supported on Windows RT"),
                Expect.yes("DMClient unenroll"), Expect.yes("RemoteWipe/doWipe"));
        row(cases, "Windows 8.1, current user = enrolling user", TestDevices.windows("6.3.9600").build(),
                Expect.yes("RemoteLock/Lock"), Expect.no("not supported on Windows 8.1"),
                Expect.yes("DMClient unenroll"), Expect.yes("RemoteWipe/doWipe"));
        row(cases, "Windows PC with agent", TestDevices.pcAgent().build(),
                Expect.no("agent client software"), Expect.no("agent client software"),
                Expect.no("agent client software"), Expect.no("agent client software"));
        row(cases, "EAS only, EAS 16.1", TestDevices.easOnly("16.1").build(),
                Expect.no("no lock command"), Expect.no("cannot set a passcode"),
                Expect.yes("account-only"), Expect.yes("EAS RemoteWipe"));
        return cases.stream();
    }

    private static void row(List<Arguments> cases, String name, Device device, Expect lock, Expect reset,
                            Expect retire, Expect wipe) {
        for (Map.Entry<Action, Expect> e : Map.of(REMOTE_LOCK, lock, PASSCODE_RESET, reset, RETIRE, retire,
                WIPE, wipe).entrySet()) {
            cases.add(Arguments.of(name, e.getKey(), device, e.getValue()));
        }
    }

    @ParameterizedTest(name = "{0} / {1}")
    @MethodSource("cells")
    void eachCellAnswersAsTheSpecSays(String row, Action action, Device device, Expect expect) {
        Decision decision = CapabilityMatrix.decide(device, action);

        assertThat(decision.supported()).as("supported").isEqualTo(expect.supported());
        if (expect.supported()) {
            Decision.Supported s = (Decision.Supported) decision;
            assertThat(s.method()).contains(expect.text());
            assertThat(s.secret()).isEqualTo(expect.secret());
        } else {
            Decision.NotSupported n = (Decision.NotSupported) decision;
            assertThat(n.reason()).isNotBlank().contains(expect.text());
        }
    }

    @Test
    void iosPasscodeResetClearsThePasscodeAndYieldsNoTemporaryPasscode() {
        var s = (Decision.Supported) CapabilityMatrix.decide(TestDevices.ios().unlockToken(true).build(),
                PASSCODE_RESET);

        assertThat(s.secret()).isEqualTo(SecretKind.NONE);
        assertThat(s.method()).contains("removes the passcode").contains("no temporary passcode");
        assertThat(s.condition()).contains("UnlockToken");
    }

    @Test
    void aDeviceThatLeftManagementSupportsNothingAndSaysWhy() {
        var gone = TestDevices.ios().unlockToken(true).build().unenrolled(java.time.Instant.parse("2026-11-20T10:00:00Z"));

        for (Action action : Action.values()) {
            assertThat(CapabilityMatrix.decide(gone, action)).as(action.name())
                    .isInstanceOfSatisfying(Decision.NotSupported.class,
                            n -> assertThat(n.reason()).contains("no longer enrolled").contains("2026-11-20"));
        }
    }

    @Test
    void unconditionalCellsNameNoCondition() {
        var s = (Decision.Supported) CapabilityMatrix.decide(TestDevices.androidOwner().build(), REMOTE_LOCK);

        assertThat(s.condition()).isNull();
    }

    @Test
    void everyRowHasACellForEveryAction() {
        for (MatrixRow row : MatrixRow.values()) {
            for (Action action : Action.values()) {
                assertThat(CapabilityMatrix.cell(row, action)).as(row + " / " + action).isNotNull();
            }
        }
    }

    @Test
    void everyNoAndEveryConditionCarriesAnExplanation() {
        for (MatrixRow row : MatrixRow.values()) {
            for (Action action : Action.values()) {
                switch (CapabilityMatrix.cell(row, action)) {
                    case Cell.No no -> assertThat(no.reason()).as(row + " / " + action).isNotBlank();
                    case Cell.When when -> {
                        assertThat(when.condition()).as(row + " / " + action).isNotBlank();
                        assertThat(when.reasonIfNot()).as(row + " / " + action).isNotBlank();
                        assertThat(when.method()).as(row + " / " + action).isNotBlank();
                    }
                    case Cell.Either either -> assertThat(either.condition()).isNotBlank();
                    case Cell.Yes yes -> assertThat(yes.method()).as(row + " / " + action).isNotBlank();
                }
            }
        }
    }

    @Test
    void theMatrixHasTheSpecsShape() {
        StringBuilder grid = new StringBuilder();
        for (MatrixRow row : CapabilityMatrix.rows()) {
            grid.append(row);
            for (Action action : Action.values()) {
                grid.append(action.inSourceMatrix() ? " " : " +").append(CapabilityMatrix.cell(row, action).kind());
            }
            grid.append('\n');
        }

        // The four columns of the source document, then the extras (+): lost mode on, off, sync.
        assertThat(grid.toString()).isEqualTo("""
                IOS yes conditional yes yes +conditional +conditional +yes
                MACOS yes no yes yes +no +no +yes
                ANDROID_DEVICE_OWNER yes yes yes yes +no +no +yes
                ANDROID_WORK_PROFILE conditional conditional yes conditional +no +no +yes
                WINDOWS_DESKTOP yes no yes yes +no +no +yes
                WINDOWS_10_MOBILE yes yes yes yes +no +no +yes
                WINDOWS_PHONE_8 yes yes yes yes +no +no +yes
                WINDOWS_RT conditional no yes yes +no +no +yes
                WINDOWS_81 conditional no yes yes +no +no +yes
                WINDOWS_PC_AGENT no no no no +no +no +no
                EAS_ONLY no no conditional yes +no +no +no
                """);
    }

    @Test
    void lostModeNeedsASupervisedIphoneOrIpadAndAMessageOrPhoneNumber() {
        var unsupervised = TestDevices.ios().build();
        var supervised = unsupervised.withState(unsupervised.state().withSupervised(true));

        assertThat(CapabilityMatrix.decide(supervised, Action.ENABLE_LOST_MODE).supported()).isTrue();
        assertThat(CapabilityMatrix.decide(unsupervised, Action.ENABLE_LOST_MODE))
                .isInstanceOfSatisfying(Decision.NotSupported.class, n -> assertThat(n.reason()).contains("supervised"));
        assertThat(CapabilityMatrix.decide(TestDevices.macos().build(), Action.DISABLE_LOST_MODE))
                .isInstanceOfSatisfying(Decision.NotSupported.class, n -> assertThat(n.reason()).contains("Mac"));
        assertThat(io.latchkey.core.action.ActionOptions.validate(Action.ENABLE_LOST_MODE,
                java.util.Map.of("phoneNumber", "+1 555", "footer", "IT"))).containsKeys("phoneNumber", "footer");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> io.latchkey.core.action.ActionOptions.validate(
                        Action.ENABLE_LOST_MODE, java.util.Map.of("footer", "IT")))
                .hasMessageContaining("message or a phoneNumber");
    }

    @Test
    void rowsKeepTheSpecsOrderAndLabels() {
        assertThat(CapabilityMatrix.rows()).containsExactly(MatrixRow.values());
        assertThat(MatrixRow.IOS.label()).isEqualTo("iOS / iPadOS (MDM)");
        assertThat(MatrixRow.EAS_ONLY.label()).isEqualTo("Exchange ActiveSync only (no MDM)");
        assertThat(MatrixRow.values()).allSatisfy(r -> assertThat(r.label()).isNotBlank());
    }
}
