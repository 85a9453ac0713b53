package io.latchkey.channel.apple.mdm;

import io.latchkey.core.inventory.Platform;

import java.util.Locale;
import java.util.Optional;

/**
 * What a device's own words say about it: platform, display name and model, from the keys of
 * Authenticate and DeviceInformation (apple/device-management mdm/checkin/authenticate.yaml). An
 * iPad's Authenticate carries no DeviceName or Model, only ProductName (fixture Authenticate.1);
 * a Mac's carries both (Authenticate.2, ProductName "iMac14,2").
 */
final class AppleDeviceFacts {

    private AppleDeviceFacts() {
    }

    /** From the hardware identifier ({@code iPhone15,2}, {@code iPad2,5}, {@code iMac14,2}, {@code MacBookPro18,3}). */
    static Platform platform(Optional<String> productName, Optional<String> model) {
        String id = productName.or(() -> model).orElse("").toLowerCase(Locale.ROOT);
        if (id.startsWith("ipad")) {
            return Platform.IPADOS;
        }
        if (id.contains("mac")) {
            return Platform.MACOS;
        }
        // iPhone, iPod, or nothing said: the iOS row is the one whose actions suit a phone.
        return Platform.IOS;
    }

    /** The device's own name, else its family and serial number ("iPad F5JM992LF193"). */
    static String name(Optional<String> deviceName, Platform platform, Optional<String> serial) {
        return deviceName.filter(n -> !n.isBlank()).orElseGet(() -> family(platform)
                + serial.filter(s -> !s.isBlank()).map(s -> " " + s).orElse(""));
    }

    /** ModelName ("iMac") is what an administrator reads; ProductName is the precise hardware. */
    static String model(Optional<String> productName, Optional<String> modelName) {
        return productName.or(() -> modelName).orElse(null);
    }

    private static String family(Platform platform) {
        return switch (platform) {
            case IPADOS -> "iPad";
            case MACOS -> "Mac";
            default -> "iPhone";
        };
    }
}
