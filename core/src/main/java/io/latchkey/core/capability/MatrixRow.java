package io.latchkey.core.capability;

import io.latchkey.core.inventory.AndroidMode;
import io.latchkey.core.inventory.Device;
import io.latchkey.core.inventory.ManagementChannel;

/**
 * The rows of the capability matrix (product spec section 2), and which row a device falls in.
 * A device managed by both EAS and MDM takes its MDM row.
 */
public enum MatrixRow {
    IOS("iOS / iPadOS (MDM)"),
    MACOS("macOS (MDM)"),
    ANDROID_DEVICE_OWNER("Android Enterprise: fully managed / dedicated (device owner)"),
    ANDROID_WORK_PROFILE("Android Enterprise: work profile, Android 8+"),
    WINDOWS_DESKTOP("Windows 10 / 11 desktop (MDM)"),
    WINDOWS_10_MOBILE("Windows 10 Mobile (MDM)"),
    WINDOWS_PHONE_8("Windows Phone 8 / 8.1 (MDM)"),
    WINDOWS_RT("Windows RT / RT 8.1 (MDM)"),
    WINDOWS_81("Windows 8.1 (MDM)"),
    WINDOWS_PC_AGENT("Windows PC with agent client software"),
    EAS_ONLY("Exchange ActiveSync only (no MDM)");

    private final String label;

    MatrixRow(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /**
     * The row for a device, or a {@link Decision.NotSupported} reason why it has none (a device
     * the matrix does not cover can do nothing, and the administrator must be told why).
     */
    public static Placement of(Device device) {
        ManagementChannel channel = device.channel();
        if (channel == ManagementChannel.PC_AGENT) {
            return new Placement(WINDOWS_PC_AGENT, null);
        }
        if (channel == ManagementChannel.EAS) {
            return new Placement(EAS_ONLY, null);
        }
        int major = device.osMajor();
        return switch (device.platform()) {
            case IOS, IPADOS -> new Placement(IOS, null);
            case MACOS -> new Placement(MACOS, null);
            case ANDROID -> {
                AndroidMode mode = device.state().androidMode();
                if (mode == null) {
                    yield new Placement(null, "this Android device is not managed through the Android Management API "
                            + "as device owner or work profile; device-administrator mode cannot change a passcode "
                            + "from Android 7 on, so Latchkey does not offer it — re-enroll the device");
                }
                yield new Placement(mode.deviceOwner() ? ANDROID_DEVICE_OWNER : ANDROID_WORK_PROFILE, null);
            }
            case WINDOWS -> {
                if (major >= 10) {
                    yield new Placement(WINDOWS_DESKTOP, null);
                }
                if (major == 6 && io.latchkey.core.inventory.OsVersion.minor(device.osVersion()) >= 3) {
                    yield new Placement(WINDOWS_81, null);
                }
                yield new Placement(null, "Windows " + device.osVersion()
                        + " cannot be managed through MDM; Windows 8.1 (6.3) or later is required");
            }
            case WINDOWS_MOBILE -> new Placement(major >= 10 ? WINDOWS_10_MOBILE : WINDOWS_PHONE_8, null);
            case WINDOWS_RT -> new Placement(WINDOWS_RT, null);
            case OTHER -> new Placement(null, "the platform of this device is not known to Latchkey; "
                    + "no remote task can be sent to it");
        };
    }

    /** Either a row or the reason there is none. */
    public record Placement(MatrixRow row, String reasonIfNone) {
    }
}
