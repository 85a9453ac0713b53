package io.latchkey.channel.apple.scep;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A SCEP challengePassword for one enrollment of one user. The value is the secret: it travels in
 * the profile and in the CSR, so it must be unguessable and short-lived.
 */
public record OneTimeChallenge(String value, String userId, Instant expiresAt) {

    private static final SecureRandom RANDOM = new SecureRandom();

    public OneTimeChallenge {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /**
     * 32 random bytes as hex: only characters a PrintableString allows, since a device may encode
     * the CSR's challengePassword as one (RFC 2985 §5.4.1), and nothing a plist must escape.
     */
    public static OneTimeChallenge issue(String userId, Duration ttl, Clock clock) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return new OneTimeChallenge(HexFormat.of().formatHex(secret), userId,
                clock.instant().plus(ttl));
    }

    @Override
    public String toString() {
        return "OneTimeChallenge[user=" + userId + ", expiresAt=" + expiresAt + "]";
    }
}
