package io.latchkey.core.action;

import io.latchkey.core.inventory.Device;
import io.latchkey.core.inventory.ManagementChannel;

import java.util.Optional;

/** Which channel adapter carries a device's commands. */
public enum ChannelKind {
    APPLE_MDM, WINDOWS_MDM, ANDROID_MANAGEMENT, EXCHANGE_ACTIVESYNC;

    /** The channel for a device; empty for agent-managed PCs and unknown platforms (nothing to send). */
    public static Optional<ChannelKind> of(Device device) {
        if (device.channel() == ManagementChannel.PC_AGENT) {
            return Optional.empty();
        }
        if (device.channel() == ManagementChannel.EAS) {
            return Optional.of(EXCHANGE_ACTIVESYNC);
        }
        return switch (device.platform()) {
            case IOS, IPADOS, MACOS -> Optional.of(APPLE_MDM);
            case ANDROID -> Optional.of(ANDROID_MANAGEMENT);
            case WINDOWS, WINDOWS_MOBILE, WINDOWS_RT -> Optional.of(WINDOWS_MDM);
            case OTHER -> Optional.empty();
        };
    }
}
