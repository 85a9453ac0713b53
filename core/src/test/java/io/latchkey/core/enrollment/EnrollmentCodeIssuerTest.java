package io.latchkey.core.enrollment;

import io.latchkey.core.Rejected;
import io.latchkey.core.action.ChannelKind;
import io.latchkey.core.audit.Actor;
import io.latchkey.core.inventory.Page;
import io.latchkey.core.inventory.User;
import io.latchkey.core.inventory.Users;
import io.latchkey.core.testing.InMemoryAuditLog;
import io.latchkey.core.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EnrollmentCodeIssuerTest {
    private static final User ALICE = new User(UUID.randomUUID(), "alice@example.com", "Alice");

    private final MutableClock clock = new MutableClock();
    private final InMemoryEnrollmentCodes codes = new InMemoryEnrollmentCodes();
    private final InMemoryAuditLog audit = new InMemoryAuditLog();
    private final EnrollmentCodeIssuer issuer = new EnrollmentCodeIssuer(codes, new OneUser(), audit, clock,
            Duration.ofHours(24));

    @Test
    void aCodeIsRandomStoredOnlyAsItsHashAndAuditedWithoutTheCode() {
        IssuedCode one = issuer.issue(ALICE.id(), ChannelKind.APPLE_MDM, new Actor("admin", "10.0.0.1"));
        IssuedCode two = issuer.issue(ALICE.id(), ChannelKind.APPLE_MDM, new Actor("admin", "10.0.0.1"));

        assertThat(one.code()).matches(EnrollmentCodeIssuer.CODE_PATTERN).isNotEqualTo(two.code());
        assertThat(one.expiresAt()).isEqualTo(MutableClock.START.plus(Duration.ofHours(24)));
        assertThat(codes.stored()).containsOnlyKeys(EnrollmentCode.hash(one.code()), EnrollmentCode.hash(two.code()));
        assertThat(codes.stored().values()).noneSatisfy(c -> assertThat(c.codeHash()).isEqualTo(one.code()));
        assertThat(audit.withAction("enrollment.code.issue")).hasSize(2).allSatisfy(e -> {
            assertThat(e.target()).isEqualTo(ALICE.id().toString());
            assertThat(e.actor()).isEqualTo("admin");
            assertThat(e.detail()).doesNotContain(one.code()).doesNotContain(two.code());
        });
        assertThat(one.toString()).doesNotContain(one.code());
    }

    @Test
    void anUnknownUserGetsNoCode() {
        assertThatThrownBy(() -> issuer.issue(UUID.randomUUID(), ChannelKind.APPLE_MDM, Actor.SYSTEM))
                .isInstanceOfSatisfying(Rejected.class, r -> assertThat(r.kind()).isEqualTo(Rejected.Kind.NOT_FOUND));
        assertThat(codes.stored()).isEmpty();
        assertThat(audit.all()).isEmpty();
    }

    @Test
    void aCodeIsUsableForItsChannelUntilRedeemedOrExpired() {
        IssuedCode code = issuer.issue(ALICE.id(), ChannelKind.APPLE_MDM, Actor.SYSTEM);

        assertThat(issuer.userOfUsable(code.code(), ChannelKind.APPLE_MDM)).contains(ALICE.id());
        assertThat(issuer.userOfUsable(code.code(), ChannelKind.WINDOWS_MDM)).isEmpty();
        assertThat(issuer.userOfUsable("not-a-code", ChannelKind.APPLE_MDM)).isEmpty();
        assertThat(issuer.userOfUsable(null, ChannelKind.APPLE_MDM)).isEmpty();

        String hash = EnrollmentCode.hash(code.code());
        assertThat(codes.redeem(hash, ChannelKind.APPLE_MDM, clock.instant())).contains(ALICE.id());
        assertThat(codes.redeem(hash, ChannelKind.APPLE_MDM, clock.instant())).isEmpty();
        assertThat(issuer.userOfUsable(code.code(), ChannelKind.APPLE_MDM)).isEmpty();

        IssuedCode late = issuer.issue(ALICE.id(), ChannelKind.APPLE_MDM, Actor.SYSTEM);
        clock.advance(Duration.ofHours(24));
        assertThat(issuer.userOfUsable(late.code(), ChannelKind.APPLE_MDM)).isEmpty();
    }

    private static final class OneUser implements Users {
        @Override
        public void save(User user) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<User> find(UUID id) {
            return ALICE.id().equals(id) ? Optional.of(ALICE) : Optional.empty();
        }

        @Override
        public Optional<User> findByPrincipalName(String userPrincipalName) {
            return Optional.empty();
        }

        @Override
        public Page<User> page(String search, String cursor, int limit) {
            throw new UnsupportedOperationException();
        }
    }
}
