package io.latchkey.channel.apple.push;

import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

/**
 * Where to push one device: the values of its latest TokenUpdate (Apple, "Token Update",
 * https://developer.apple.com/documentation/devicemanagement/token-update). {@code PushMagic} and
 * the token may change between TokenUpdates, so the owner passes the newest ones on every wake.
 *
 * @param deviceId  the enrollment this push wakes; the key under which wakes coalesce
 * @param token     the APNs device token as hex, as APNs wants it in {@code /3/device/<token>};
 *                  stored lower-case
 * @param pushMagic the string the device expects as the {@code mdm} value of the payload
 * @param topic     the TokenUpdate's {@code Topic}, i.e. the UID of the MDM push certificate
 */
public record PushTarget(UUID deviceId, String token, String pushMagic, String topic)
        implements io.latchkey.wake.WakeTarget {

    public PushTarget {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(pushMagic, "pushMagic");
        Objects.requireNonNull(topic, "topic");
        token = token.toLowerCase(Locale.ROOT);
        if (token.isEmpty() || token.length() % 2 != 0 || !token.chars().allMatch(HexFormat::isHexDigit)) {
            throw new IllegalArgumentException("token of device " + deviceId
                    + " must be a non-empty even-length hex string (the TokenUpdate's Token data, hex-encoded)");
        }
        if (pushMagic.isBlank()) {
            throw new IllegalArgumentException("pushMagic of device " + deviceId + " is blank");
        }
        if (topic.isBlank()) {
            throw new IllegalArgumentException("topic of device " + deviceId + " is blank");
        }
    }

    /** The first 8 characters of the token: enough to correlate logs, not enough to push. */
    String shortToken() {
        return token.length() <= 8 ? token : token.substring(0, 8) + "…";
    }

    /** Never prints the push magic, and only the start of the token. */
    @Override
    public String toString() {
        return "PushTarget[deviceId=" + deviceId + ", token=" + shortToken() + ", topic=" + topic + "]";
    }
}
