package io.latchkey.core.enrollment;

import io.latchkey.core.action.ChannelKind;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.UUID;

/**
 * A device identity certificate Latchkey's CA issued, as recorded at issuance: who it was issued
 * to and, once the device's first authenticated message names it, which device it speaks for. A
 * check-in is trusted only when its certificate is one of these, unrevoked, and bound to the device
 * the message names (issue 3 item 2).
 *
 * @param fingerprint  SHA-256 of the certificate's DER encoding, 64 lower-case hex characters
 * @param serialNumber the certificate's serial number in lower-case hex, for an administrator and the logs
 * @param deviceId     the device it is bound to, null until the device's first authenticated message
 * @param externalId   the UDID or EnrollmentID it is bound to, null until then
 * @param revokedAt    when it was revoked, null while it is valid
 */
public record DeviceIdentity(String fingerprint, String serialNumber, UUID userId, ChannelKind channel,
                             Instant issuedAt, Instant notAfter, UUID deviceId, String externalId,
                             Instant revokedAt) {

    /** Compiled once: String.matches compiled it again for every identity read (every check-in). */
    private static final java.util.regex.Pattern FINGERPRINT_PATTERN = java.util.regex.Pattern.compile("[0-9a-f]{64}");

    public DeviceIdentity {
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(serialNumber, "serialNumber");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(notAfter, "notAfter");
        if (!FINGERPRINT_PATTERN.matcher(fingerprint).matches()) {
            throw new IllegalArgumentException("a fingerprint is 64 lower-case hex characters");
        }
        if ((deviceId == null) != (externalId == null)) {
            throw new IllegalArgumentException("an identity is bound to a device id and an external id together");
        }
    }

    /** A certificate just issued: unbound and unrevoked. */
    public static DeviceIdentity issued(byte[] certificateDer, String serialNumber, UUID userId, ChannelKind channel,
                                        Instant issuedAt, Instant notAfter) {
        return new DeviceIdentity(fingerprint(certificateDer), serialNumber, userId, channel, issuedAt, notAfter,
                null, null, null);
    }

    /** Bound to a device by its first authenticated message. */
    public boolean bound() {
        return deviceId != null;
    }

    /** The same identity bound to this device. */
    public DeviceIdentity boundTo(UUID deviceId, String externalId) {
        return new DeviceIdentity(fingerprint, serialNumber, userId, channel, issuedAt, notAfter,
                Objects.requireNonNull(deviceId, "deviceId"), Objects.requireNonNull(externalId, "externalId"),
                revokedAt);
    }

    /** The SHA-256 of a certificate's DER encoding in lower-case hex: how an identity is looked up. */
    public static String fingerprint(byte[] certificateDer) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificateDer));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
