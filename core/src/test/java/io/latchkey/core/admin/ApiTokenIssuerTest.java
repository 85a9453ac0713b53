package io.latchkey.core.admin;

import io.latchkey.core.Rejected;
import io.latchkey.core.audit.Actor;
import io.latchkey.core.testing.InMemoryAdmins;
import io.latchkey.core.testing.InMemoryAuditLog;
import io.latchkey.core.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApiTokenIssuerTest {
    private final MutableClock clock = new MutableClock();
    private final InMemoryAdmins admins = new InMemoryAdmins();
    private final InMemoryAuditLog audit = new InMemoryAuditLog();
    private final ApiTokenIssuer issuer = new ApiTokenIssuer(admins, admins, audit, clock);
    private final AdminAccounts accounts = new AdminAccounts(admins, clock);
    private final Admin alice = new Admin(UUID.randomUUID(), "alice", null, MutableClock.START);
    private final Actor actor = new Actor("alice", "10.0.0.1");

    ApiTokenIssuerTest() {
        admins.create(alice, List.of());
    }

    @Test
    void aCreatedTokenOpensTheApiUntilItExpires() {
        ApiTokenIssuer.Issued issued = issuer.create(alice, "ci pipeline", Duration.ofDays(7), actor);
        assertThat(issued.secret()).startsWith("lk_");
        assertThat(issued.token().tokenHash()).isEqualTo(AdminAccounts.hashToken(issued.secret()));
        assertThat(issued.token().expiresAt()).isEqualTo(MutableClock.START.plus(Duration.ofDays(7)));
        assertThat(accounts.byToken(issued.secret())).contains(alice);

        clock.advance(Duration.ofDays(7));
        assertThat(accounts.byToken(issued.secret())).isEmpty();
    }

    @Test
    void aRevokedTokenIsRefusedAtOnceAndStaysListed() {
        ApiTokenIssuer.Issued issued = issuer.create(alice, "laptop", null, actor);
        assertThat(issued.token().expiresAt()).isEqualTo(MutableClock.START.plus(ApiTokenIssuer.DEFAULT_LIFETIME));

        issuer.revoke(alice, issued.token().id(), actor);

        assertThat(accounts.byToken(issued.secret())).isEmpty();
        assertThat(issuer.list(alice)).singleElement().satisfies(t -> assertThat(t.revokedAt()).isNotNull());
        assertThatThrownBy(() -> issuer.revoke(alice, issued.token().id(), actor))
                .isInstanceOfSatisfying(Rejected.class, r -> assertThat(r.kind()).isEqualTo(Rejected.Kind.NOT_FOUND));
    }

    @Test
    void anotherAdministratorsTokenCannotBeRevoked() {
        Admin bob = new Admin(UUID.randomUUID(), "bob", null, MutableClock.START);
        admins.create(bob, List.of());
        ApiTokenIssuer.Issued bobs = issuer.create(bob, "bob's", null, actor);
        assertThatThrownBy(() -> issuer.revoke(alice, bobs.token().id(), actor)).isInstanceOf(Rejected.class);
        assertThat(accounts.byToken(bobs.secret())).contains(bob);
    }

    @Test
    void badNamesAndLifetimesAreRefusedClearly() {
        assertThatThrownBy(() -> issuer.create(alice, " ", null, actor)).hasMessageContaining("needs a name");
        assertThatThrownBy(() -> issuer.create(alice, "x", Duration.ofDays(731), actor))
                .hasMessageContaining("between 1 minute and 730 days");
        assertThatThrownBy(() -> issuer.create(alice, "x", Duration.ofSeconds(5), actor)).isInstanceOf(Rejected.class);
    }

    @Test
    void creationAndRevocationAreAuditedWithoutTheToken() {
        ApiTokenIssuer.Issued issued = issuer.create(alice, "ci", null, actor);
        issuer.revoke(alice, issued.token().id(), actor);
        assertThat(audit.withAction("admin.token.create")).hasSize(1);
        assertThat(audit.withAction("admin.token.revoke")).hasSize(1);
        assertThat(audit.all()).allSatisfy(e -> assertThat(e.toString()).doesNotContain(issued.secret())
                .doesNotContain(issued.token().tokenHash()));
    }
}
