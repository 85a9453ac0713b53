package io.latchkey.channel.apple.scep;

import io.latchkey.core.action.ChannelKind;
import io.latchkey.core.enrollment.EnrollmentCode;
import io.latchkey.core.enrollment.EnrollmentCodes;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The SCEP challenges as the core's one-time enrollment codes for {@link ChannelKind#APPLE_MDM}:
 * the challenge in a user's profile is the code an administrator issued for that user, and the
 * PKCSReq that carries it redeems it (the store makes that happen at most once).
 */
public final class EnrollmentCodeChallenges implements EnrollmentChallenges {

    private final EnrollmentCodes codes;
    private final Clock clock;

    public EnrollmentCodeChallenges(EnrollmentCodes codes, Clock clock) {
        this.codes = codes;
        this.clock = clock;
    }

    /** Stores the challenge's hash; issuing through the core's EnrollmentCodeIssuer is the audited way. */
    @Override
    public void save(OneTimeChallenge challenge) {
        codes.save(new EnrollmentCode(EnrollmentCode.hash(challenge.value()), UUID.fromString(challenge.userId()),
                ChannelKind.APPLE_MDM, clock.instant(), challenge.expiresAt(), null));
    }

    @Override
    public Optional<String> redeem(String challenge, Instant now) {
        return codes.redeem(EnrollmentCode.hash(challenge), ChannelKind.APPLE_MDM, now).map(UUID::toString);
    }
}
