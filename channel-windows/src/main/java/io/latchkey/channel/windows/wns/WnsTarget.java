package io.latchkey.channel.windows.wns;

import io.latchkey.wake.WakeTarget;

import java.util.Objects;
import java.util.UUID;

/** A Windows device's WNS channel URI, as it reported it (DMClient Provider/Push/ChannelURI). */
public record WnsTarget(UUID deviceId, String token) implements WakeTarget {
    public WnsTarget {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(token, "token");
    }

    /** The channel URI carries a device-specific secret: only its host is printed. */
    @Override
    public String toString() {
        String host;
        try {
            host = java.net.URI.create(token).getHost();
        } catch (IllegalArgumentException e) {
            host = "?";
        }
        return "WnsTarget[deviceId=" + deviceId + ", channel host=" + host + "]";
    }
}
