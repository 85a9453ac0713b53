package io.latchkey.channel.apple.scep;

import java.time.Instant;
import java.util.Optional;

/**
 * The one-time SCEP challenges, each bound to the user whose enrollment profile carries it
 * (issue 3: "a one-time challenge bound to a user"). The storage adapter implements this; redeem
 * must be atomic so that two requests with the same challenge cannot both succeed.
 */
public interface EnrollmentChallenges {

    void save(OneTimeChallenge challenge);

    /**
     * Consumes the challenge: the user it was issued for when it exists and has not expired at
     * {@code now}; afterwards it is gone, whatever the outcome.
     */
    Optional<String> redeem(String challenge, Instant now);
}
