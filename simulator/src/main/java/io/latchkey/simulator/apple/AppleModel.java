package io.latchkey.simulator.apple;

import java.util.Objects;

/**
 * What a simulated device says it is, in the keys a real one reports in {@code Authenticate} and
 * {@code DeviceInformation} (apple/device-management mdm/checkin/authenticate.yaml,
 * mdm/commands/information.device.yaml). The server tells platforms apart by these strings, so they
 * follow real devices: an iPhone's ProductName is "iPhone15,2", a Mac's "Mac14,2" (compare the
 * recorded iMac in shared/fixtures/apple/Authenticate.2.plist, whose Model equals its ProductName).
 *
 * @param productName hardware identifier, e.g. "iPhone15,2"
 * @param model       iOS: the part number ("MQ9T3LL/A"); macOS: the hardware identifier again
 * @param modelName   "iPhone", "iPad", "MacBook Air"
 * @param osVersion   "17.5.1"
 * @param buildVersion the OS build matching {@code osVersion}, e.g. "21F90"
 * @param chipId      the SoC id that starts an iOS UDID ("00008120-…"); unused on a Mac, whose UDID is a UUID
 * @param supervised  supervision decides whether Lost Mode is available (device.lostmode.enable.yaml)
 */
public record AppleModel(Platform platform, String productName, String model, String modelName, String osVersion,
                         String buildVersion, int chipId, boolean supervised) {

    public enum Platform { IOS, IPADOS, MACOS }

    /** iPhone 14 Pro on iOS 17.5.1, supervised (an organisation's phone enrolled through ADE). */
    public static final AppleModel IPHONE = new AppleModel(Platform.IOS, "iPhone15,2", "MQ9T3LL/A", "iPhone",
            "17.5.1", "21F90", 0x8120, true);

    /** iPad (10th generation) on iPadOS 17.5.1, supervised. */
    public static final AppleModel IPAD = new AppleModel(Platform.IPADOS, "iPad13,18", "MPQ03LL/A", "iPad",
            "17.5.1", "21F90", 0x8101, true);

    /** MacBook Air (M2) on macOS 14.5, not supervised (enrolled by hand with the profile). */
    public static final AppleModel MAC = new AppleModel(Platform.MACOS, "Mac14,2", "Mac14,2", "MacBook Air",
            "14.5", "23F79", 0x8112, false);

    public AppleModel {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(productName, "productName");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(modelName, "modelName");
        Objects.requireNonNull(osVersion, "osVersion");
        Objects.requireNonNull(buildVersion, "buildVersion");
    }

    public AppleModel withSupervised(boolean value) {
        return new AppleModel(platform, productName, model, modelName, osVersion, buildVersion, chipId, value);
    }

    public AppleModel withOsVersion(String version, String build) {
        return new AppleModel(platform, productName, model, modelName, version, build, chipId, supervised);
    }

    public boolean isMac() {
        return platform == Platform.MACOS;
    }
}
