package io.latchkey.channel.apple.scep;

import io.latchkey.core.action.ChannelKind;
import io.latchkey.core.enrollment.EnrollmentCode;
import io.latchkey.core.enrollment.EnrollmentCodes;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class EnrollmentCodeChallengesTest {
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final Codes codes = new Codes();
    private final EnrollmentCodeChallenges challenges = new EnrollmentCodeChallenges(codes, clock);

    @Test
    void theChallengeIsStoredAsTheHashOfAnAppleCodeAndRedeemedOnce() {
        UUID user = UUID.randomUUID();
        OneTimeChallenge c = OneTimeChallenge.issue(user.toString(), Duration.ofHours(1), clock);
        challenges.save(c);

        assertThat(codes.byHash).containsOnlyKeys(EnrollmentCode.hash(c.value()));
        assertThat(codes.byHash.values()).allSatisfy(stored -> {
            assertThat(stored.channel()).isEqualTo(ChannelKind.APPLE_MDM);
            assertThat(stored.userId()).isEqualTo(user);
        });
        assertThat(challenges.redeem(c.value(), NOW)).contains(user.toString());
        assertThat(challenges.redeem(c.value(), NOW)).isEmpty();
        assertThat(challenges.redeem("made-up", NOW)).isEmpty();
    }

    @Test
    void anExpiredChallengeIsRefused() {
        OneTimeChallenge c = OneTimeChallenge.issue(UUID.randomUUID().toString(), Duration.ofMinutes(5), clock);
        challenges.save(c);
        assertThat(challenges.redeem(c.value(), NOW.plus(Duration.ofMinutes(5)))).isEmpty();
    }

    private static final class Codes implements EnrollmentCodes {
        final Map<String, EnrollmentCode> byHash = new HashMap<>();

        @Override
        public void save(EnrollmentCode code) {
            byHash.put(code.codeHash(), code);
        }

        @Override
        public Optional<EnrollmentCode> find(String codeHash, ChannelKind channel) {
            return Optional.ofNullable(byHash.get(codeHash)).filter(c -> c.channel() == channel);
        }

        @Override
        public synchronized Optional<UUID> redeem(String codeHash, ChannelKind channel, Instant now) {
            EnrollmentCode c = byHash.get(codeHash);
            if (c == null || c.channel() != channel || !c.usableAt(now)) {
                return Optional.empty();
            }
            byHash.put(codeHash, new EnrollmentCode(c.codeHash(), c.userId(), channel, c.createdAt(), c.expiresAt(), now));
            return Optional.of(c.userId());
        }

        @Override
        public int purgeExpired(Instant now) {
            return 0;
        }
    }
}
