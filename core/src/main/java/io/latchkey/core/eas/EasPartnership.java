package io.latchkey.core.eas;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A phone's mail partnership as the gateway sees it: the EAS DeviceId, the device record it is
 * (an EAS-only device, or the MDM-enrolled device it turned out to be: {@code easMdm}), who
 * syncs, with what, and whether it may. The device's last-seen time is its record's last check-in.
 *
 * @param user the user name as the client sends it (User parameter: "jane", "DOMAIN\jane" or a UPN)
 */
public record EasPartnership(String easDeviceId, UUID deviceId, String deviceType, String user, String userAgent,
                             String protocolVersion, EasAccess access, Instant firstSeen, Instant updatedAt,
                             DeviceInformation info) {
    public EasPartnership {
        Objects.requireNonNull(easDeviceId, "easDeviceId");
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(deviceType, "deviceType");
        Objects.requireNonNull(protocolVersion, "protocolVersion");
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(firstSeen, "firstSeen");
        Objects.requireNonNull(updatedAt, "updatedAt");
        info = info == null ? DeviceInformation.NONE : info;
    }

    public EasPartnership withAccess(EasAccess newAccess, Instant at) {
        return new EasPartnership(easDeviceId, deviceId, deviceType, user, userAgent, protocolVersion, newAccess,
                firstSeen, at, info);
    }

    public EasPartnership withDevice(UUID newDeviceId, Instant at) {
        return new EasPartnership(easDeviceId, newDeviceId, deviceType, user, userAgent, protocolVersion, access,
                firstSeen, at, info);
    }
}
