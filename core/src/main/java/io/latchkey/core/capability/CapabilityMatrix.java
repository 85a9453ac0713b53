package io.latchkey.core.capability;

import io.latchkey.core.inventory.Device;
import io.latchkey.core.inventory.OsVersion;
import io.latchkey.core.inventory.Ownership;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static io.latchkey.core.capability.Action.PASSCODE_RESET;
import static io.latchkey.core.capability.Action.REMOTE_LOCK;
import static io.latchkey.core.capability.Action.RETIRE;
import static io.latchkey.core.capability.Action.WIPE;

/**
 * The capability matrix of product spec section 2, row by row, and the one decision function
 * every surface asks. No other code decides whether an action is possible on a device.
 */
public final class CapabilityMatrix {

    private static final Predicate<Device> CURRENT_USER_IS_ENROLLING_USER = d ->
            d.currentUserId() != null && d.currentUserId().equals(d.enrollingUserId());

    private static final String CURRENT_USER_RULE = "the device's current user is the user who enrolled it";
    private static final String CURRENT_USER_REFUSAL = "remote lock on this Windows edition is supported only when "
            + "the device's current user is the user who enrolled it, and it is not (or the current user is not known yet)";

    private static final Map<MatrixRow, Map<Action, Cell>> TABLE = new EnumMap<>(MatrixRow.class);

    static {
        row(MatrixRow.IOS,
                yes("DeviceLock (optional message and phone number)"),
                new Cell.When("an UnlockToken is escrowed", d -> d.state().unlockTokenEscrowed(),
                        "ClearPasscode with the escrowed UnlockToken: removes the passcode, no temporary passcode",
                        SecretKind.NONE,
                        "the device has not escrowed an UnlockToken, so its passcode cannot be cleared; "
                                + "it sends one at enrollment when a passcode is set"),
                yes("remove the MDM enrollment profile"),
                yes("EraseDevice"));
        row(MatrixRow.MACOS,
                new Cell.Yes("DeviceLock with a server-generated 6-digit PIN", SecretKind.LOCK_PIN),
                no("Apple offers no passcode clear for macOS"),
                yes("remove the MDM enrollment profile"),
                new Cell.Yes("EraseDevice with a server-generated 6-digit PIN", SecretKind.LOCK_PIN));
        row(MatrixRow.ANDROID_DEVICE_OWNER,
                yes("issueCommand LOCK"),
                new Cell.Yes("issueCommand RESET_PASSWORD with a server-generated temporary passcode",
                        SecretKind.TEMPORARY_PASSCODE),
                yes("delete the device from the Android Management API: removes management and, AMAPI having no "
                        + "way to release a device owner, factory-resets it"),
                yes("delete the device with a factory reset"));
        row(MatrixRow.ANDROID_WORK_PROFILE,
                new Cell.When("the work profile has its own separate challenge", d -> d.state().workChallenge(),
                        "issueCommand LOCK on the work profile", SecretKind.NONE,
                        "the work profile has no separate challenge of its own, so it cannot be locked apart "
                                + "from the personal side of the device"),
                new Cell.When("Android 8.0 or later", d -> OsVersion.atLeast(d.osVersion(), 8, 0),
                        "issueCommand RESET_PASSWORD on the work profile with a temporary passcode",
                        SecretKind.TEMPORARY_PASSCODE,
                        "resetting a work-profile passcode needs Android 8.0 or later"),
                yes("remove the work profile"),
                new Cell.Either("company-owned", d -> d.ownership() == Ownership.COMPANY,
                        "factory reset", "personal device", "remove the work profile (personal data is kept)"));
        row(MatrixRow.WINDOWS_DESKTOP,
                yes("RemoteLock/Lock"),
                no("the source document does not list passcode reset for Windows 10/11 desktops; "
                        + "Windows offers no remote PIN reset there"),
                yes("DMClient unenroll"),
                yes("RemoteWipe/doWipe (or doWipeProtected)"));
        row(MatrixRow.WINDOWS_10_MOBILE,
                yes("RemoteLock/Lock"),
                new Cell.Yes("RemoteLock/LockAndResetPIN, then Get NewPINValue", SecretKind.NEW_PIN),
                yes("DMClient unenroll"),
                yes("RemoteWipe/doWipe"));
        row(MatrixRow.WINDOWS_PHONE_8,
                yes("RemoteLock/Lock"),
                new Cell.Yes("RemoteLock/LockAndResetPIN, then Get NewPINValue", SecretKind.NEW_PIN),
                yes("DMClient unenroll"),
                yes("RemoteWipe/doWipe"));
        row(MatrixRow.WINDOWS_RT,
                new Cell.When(CURRENT_USER_RULE, CURRENT_USER_IS_ENROLLING_USER, "RemoteLock/Lock",
                        SecretKind.NONE, CURRENT_USER_REFUSAL),
                no("passcode reset is not supported on Windows RT and RT 8.1"),
                yes("DMClient unenroll"),
                yes("RemoteWipe/doWipe"));
        row(MatrixRow.WINDOWS_81,
                new Cell.When(CURRENT_USER_RULE, CURRENT_USER_IS_ENROLLING_USER, "RemoteLock/Lock",
                        SecretKind.NONE, CURRENT_USER_REFUSAL),
                no("passcode reset is not supported on Windows 8.1"),
                yes("DMClient unenroll"),
                yes("RemoteWipe/doWipe"));
        String agent = " is not supported for Windows PCs managed with the agent client software; "
                + "enroll the PC in MDM instead";
        row(MatrixRow.WINDOWS_PC_AGENT,
                no("remote lock" + agent), no("passcode reset" + agent), no("retire" + agent), no("wipe" + agent));
        row(MatrixRow.EAS_ONLY,
                no("Exchange ActiveSync has no lock command; enroll the device in MDM to lock it"),
                no("Exchange ActiveSync cannot set a passcode; enroll the device in MDM to reset it"),
                new Cell.When("the device speaks EAS 16.1 or later",
                        d -> OsVersion.atLeast(d.state().easProtocolVersion(), 16, 1),
                        "EAS account-only remote wipe", SecretKind.NONE,
                        "retire over Exchange ActiveSync needs an account-only wipe, which requires EAS 16.1; "
                                + "this device speaks an older version"),
                yes("EAS RemoteWipe"));
    }

    /**
     * Tasks beyond the source document: Lost Mode (Apple: supervised iOS/iPadOS 9.3+ only,
     * shared/reference/apple-mdm.md §2) and sync (each channel's way of refreshing a device).
     */
    static {
        String agent = " is not supported for Windows PCs managed with the agent client software; "
                + "enroll the PC in MDM instead";
        String notApple = "Lost Mode is an Apple feature of supervised iPhones and iPads";
        for (MatrixRow row : MatrixRow.values()) {
            Cell lost = switch (row) {
                case IOS -> new Cell.When("the device is supervised", d -> d.state().supervised(),
                        "EnableLostMode / DisableLostMode", SecretKind.NONE,
                        "Lost Mode needs a supervised iPhone or iPad, and this one is not supervised (or has not "
                                + "reported it yet: a sync refreshes it)");
                case MACOS -> no(notApple + "; on a Mac, Remote Lock with its PIN does the same");
                case WINDOWS_PC_AGENT -> no("Lost Mode" + agent);
                default -> no(notApple);
            };
            Cell sync = switch (row) {
                case IOS, MACOS -> yes("DeviceInformation: the device reports its inventory");
                case ANDROID_DEVICE_OWNER, ANDROID_WORK_PROFILE -> yes("read the device from the Android Management API");
                case WINDOWS_PC_AGENT -> no("sync" + agent);
                case EAS_ONLY -> no("Exchange ActiveSync devices sync on their own schedule; the gateway sees each "
                        + "one at its next request");
                default -> yes("push, then an OMA-DM session reporting the inventory");
            };
            TABLE.get(row).put(Action.ENABLE_LOST_MODE, lost);
            TABLE.get(row).put(Action.DISABLE_LOST_MODE, lost);
            TABLE.get(row).put(Action.SYNC, sync);
        }
    }

    private CapabilityMatrix() {
    }

    /** Decides whether {@code action} can be done on {@code device}, and how or why not. */
    public static Decision decide(Device device, Action action) {
        if (!device.enrolled()) {
            return new Decision.NotSupported("the device is no longer enrolled (it checked out, was retired or "
                    + "was erased on " + device.unenrolledAt() + "); enroll it again to manage it");
        }
        MatrixRow.Placement placement = MatrixRow.of(device);
        if (placement.row() == null) {
            return new Decision.NotSupported(placement.reasonIfNone());
        }
        return cell(placement.row(), action).decide(device);
    }

    public static Cell cell(MatrixRow row, Action action) {
        return TABLE.get(row).get(action);
    }

    /** The rows in the spec's order, for surfaces that print the matrix. */
    public static List<MatrixRow> rows() {
        return List.of(MatrixRow.values());
    }

    private static Cell yes(String method) {
        return new Cell.Yes(method, SecretKind.NONE);
    }

    private static Cell no(String reason) {
        return new Cell.No(reason);
    }

    private static void row(MatrixRow row, Cell lock, Cell passcodeReset, Cell retire, Cell wipe) {
        Map<Action, Cell> cells = new EnumMap<>(Action.class);
        cells.put(REMOTE_LOCK, lock);
        cells.put(PASSCODE_RESET, passcodeReset);
        cells.put(RETIRE, retire);
        cells.put(WIPE, wipe);
        TABLE.put(row, cells);
    }
}
