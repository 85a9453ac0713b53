package io.latchkey.core.enrollment;

import io.latchkey.core.action.ChannelKind;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.UUID;

/**
 * A one-time enrollment code as stored: only the SHA-256 of the code, never the code, which is a
 * secret (it lets a device enroll as the user). Every channel shares them: Apple uses the code as
 * the SCEP challenge, Windows will use it for OnPremise enrollment.
 *
 * @param channel the channel the code enrolls through; a code for one channel is refused by another
 * @param usedAt  when a device redeemed it, null while it is unused
 */
public record EnrollmentCode(String codeHash, UUID userId, ChannelKind channel, Instant createdAt,
                             Instant expiresAt, Instant usedAt) {

    public EnrollmentCode {
        Objects.requireNonNull(codeHash, "codeHash");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** Usable at {@code now}: not redeemed yet and not expired. */
    public boolean usableAt(Instant now) {
        return usedAt == null && now.isBefore(expiresAt);
    }

    /**
     * Codes are 256 random bits, so one unsalted SHA-256 stores them safely (as API tokens,
     * {@code AdminAccounts.hashToken}); the lookup stays a unique-index seek.
     */
    public static String hash(String code) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(code.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
