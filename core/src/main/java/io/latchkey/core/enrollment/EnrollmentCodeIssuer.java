package io.latchkey.core.enrollment;

import io.latchkey.core.Rejected;
import io.latchkey.core.action.ChannelKind;
import io.latchkey.core.audit.Actor;
import io.latchkey.core.audit.AuditEvent;
import io.latchkey.core.audit.AuditLog;
import io.latchkey.core.inventory.Users;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

/**
 * Issues one-time enrollment codes for a user: random, returned once, stored only as a hash, and
 * audited (who issued a code for whom, never the code). Channels redeem them through
 * {@link EnrollmentCodes#redeem} with {@link EnrollmentCode#hash}.
 */
public final class EnrollmentCodeIssuer {

    /** 64 hex characters: what a PrintableString allows (Apple puts the code in the CSR's challengePassword). */
    public static final String CODE_PATTERN = "[0-9a-f]{64}";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final EnrollmentCodes codes;
    private final Users users;
    private final AuditLog audit;
    private final Clock clock;
    private final Duration ttl;

    public EnrollmentCodeIssuer(EnrollmentCodes codes, Users users, AuditLog audit, Clock clock, Duration ttl) {
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("an enrollment code needs a positive time to live");
        }
        this.codes = codes;
        this.users = users;
        this.audit = audit;
        this.clock = clock;
        this.ttl = ttl;
    }

    /**
     * A new code for the user, valid for the configured time to live.
     *
     * @throws Rejected NOT_FOUND when there is no such user
     */
    public IssuedCode issue(UUID userId, ChannelKind channel, Actor actor) {
        users.find(userId).orElseThrow(() -> Rejected.notFound("no user " + userId));
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String code = HexFormat.of().formatHex(secret);
        Instant now = clock.instant();
        Instant expiresAt = now.plus(ttl);
        codes.save(new EnrollmentCode(EnrollmentCode.hash(code), userId, channel, now, expiresAt, null));
        audit.append(new AuditEvent(UUID.randomUUID(), now, actor.name(), actor.address(), "enrollment.code.issue",
                "user", userId.toString(), "channel " + channel + ", expires " + expiresAt));
        return new IssuedCode(code, userId, channel, expiresAt);
    }

    /**
     * The user a code is for, if it has the shape of a code and is unused and unexpired for this
     * channel now. Looks only: redeeming is the channel's, at the moment the device enrolls.
     */
    public Optional<UUID> userOfUsable(String code, ChannelKind channel) {
        if (code == null || !code.matches(CODE_PATTERN)) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return codes.find(EnrollmentCode.hash(code), channel).filter(c -> c.usableAt(now)).map(EnrollmentCode::userId);
    }
}
