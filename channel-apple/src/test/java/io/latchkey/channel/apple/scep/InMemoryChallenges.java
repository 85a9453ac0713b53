package io.latchkey.channel.apple.scep;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Test double of the challenge store: {@code remove} makes redeeming atomic, as the real store must be. */
final class InMemoryChallenges implements EnrollmentChallenges {

    private final Map<String, OneTimeChallenge> byValue = new ConcurrentHashMap<>();

    @Override
    public void save(OneTimeChallenge challenge) {
        byValue.put(challenge.value(), challenge);
    }

    @Override
    public Optional<String> redeem(String challenge, Instant now) {
        OneTimeChallenge c = byValue.remove(challenge);
        return c == null || !now.isBefore(c.expiresAt()) ? Optional.empty() : Optional.of(c.userId());
    }
}
