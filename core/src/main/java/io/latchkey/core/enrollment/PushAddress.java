package io.latchkey.core.enrollment;

import io.latchkey.core.action.ChannelKind;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Where a push channel wakes a device, as the device last reported it: an APNs device token with
 * its PushMagic and topic (Apple TokenUpdate), or a WNS channel URI (Windows). Not secret, but the
 * PushMagic lets anyone who has it wake the device, so it is never logged.
 *
 * @param token        APNs token in lower-case hex, or the WNS channel URI
 * @param magic        Apple's PushMagic (the push payload's only value); null for WNS
 * @param topic        APNs topic (the push certificate's UID, {@code com.apple.mgmt.…}); null for WNS
 * @param invalidSince when the push service said the token is no longer valid; null while it is
 */
public record PushAddress(UUID deviceId, ChannelKind channel, String token, String magic, String topic,
                          Instant updatedAt, Instant invalidSince) {

    public PushAddress {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** A fresh address from the device: valid until the push service says otherwise. */
    public static PushAddress reported(UUID deviceId, ChannelKind channel, String token, String magic, String topic,
                                       Instant at) {
        return new PushAddress(deviceId, channel, token, magic, topic, at, null);
    }

    public boolean valid() {
        return invalidSince == null;
    }

    @Override
    public String toString() {
        return "PushAddress[deviceId=" + deviceId + ", channel=" + channel + ", token="
                + token.substring(0, Math.min(8, token.length())) + "…, valid=" + valid() + "]";
    }
}
