package io.latchkey.channel.apple.checkin;

import io.latchkey.channel.apple.plist.EnrollmentRef;

import java.util.HexFormat;
import java.util.Optional;

/**
 * The device's push credentials (apple/device-management mdm/checkin/tokenupdate.yaml). The
 * enrollment becomes pushable after the first one.
 *
 * <p>{@code unlockToken} is present at most in some TokenUpdates, and Apple says not to treat its
 * absence as an invalidation (Apple, "Token Update",
 * https://developer.apple.com/documentation/devicemanagement/token-update): whoever stores this
 * must keep the previous token when this one has none.
 */
public record TokenUpdate(
        EnrollmentRef enrollment,
        String topic,
        byte[] token,
        String pushMagic,
        Optional<byte[]> unlockToken,
        Optional<Boolean> awaitingConfiguration,
        Optional<String> userId,
        Optional<String> userShortName) implements CheckinMessage {

    /** The push token as APNs wants it in the request path: lower-case hex. */
    public String tokenHex() {
        return HexFormat.of().formatHex(token);
    }

    /** Only the lengths of the secret-bearing fields: a record's default toString would print them. */
    @Override
    public String toString() {
        return "TokenUpdate[" + enrollment + ", topic=" + topic + ", token=" + token.length + " bytes, unlockToken="
                + unlockToken.map(t -> t.length + " bytes").orElse("absent") + ", awaitingConfiguration="
                + awaitingConfiguration.map(String::valueOf).orElse("absent") + "]";
    }
}
