package io.latchkey.core.eas;

import java.util.Objects;

/**
 * One request the gateway saw: who, with what, and what the device said about itself (null when
 * the request carried no DeviceInformation). {@code authenticated} says the request carried
 * credentials for Exchange to check: only such a request may record a device never seen before.
 */
public record Sighting(String easDeviceId, String deviceType, String user, String userAgent, String protocolVersion,
                       DeviceInformation info, boolean authenticated) {
    public Sighting {
        Objects.requireNonNull(easDeviceId, "easDeviceId");
        Objects.requireNonNull(deviceType, "deviceType");
        Objects.requireNonNull(protocolVersion, "protocolVersion");
    }
}
