package io.latchkey.core.admin;

import io.latchkey.core.testing.InMemoryAdmins;
import io.latchkey.core.testing.InMemoryAuditLog;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class FederatedAdminsTest {
    private final InMemoryAdmins admins = new InMemoryAdmins();
    private final InMemoryAuditLog audit = new InMemoryAuditLog();
    /** Hand-written stub: a fixed table of "valid" tokens. */
    private final Map<String, FederatedIdentity> valid = Map.of(
            "a.b.c", new FederatedIdentity("https://idp.example", "alice", Set.of("Administrator")),
            "d.e.f", new FederatedIdentity("https://other.example", "alice", Set.of("Read Only Operator")));
    private final FederatedAdmins federated = new FederatedAdmins(t -> Optional.ofNullable(valid.get(t)), admins,
            audit, Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));

    @Test
    void recognisesOnlyTheCompactJwtShape() {
        assertThat(FederatedAdmins.looksLikeJwt("eyJh.eyJz.c2ln")).isTrue();
        assertThat(FederatedAdmins.looksLikeJwt("lk_abc")).isFalse();
        assertThat(FederatedAdmins.looksLikeJwt("a.b")).isFalse();
        assertThat(FederatedAdmins.looksLikeJwt("a.b.c.d")).isFalse();
        assertThat(FederatedAdmins.looksLikeJwt(null)).isFalse();
    }

    @Test
    void theFirstUseCreatesTheAdminOnceAndKeepsTheRoles() {
        AdminIdentity first = federated.identify("a.b.c").orElseThrow();
        AdminIdentity again = federated.identify("a.b.c").orElseThrow();
        assertThat(again.admin().id()).isEqualTo(first.admin().id());
        assertThat(first.roles()).containsExactly("Administrator");
        assertThat(first.admin().passwordHash()).isNull();
        assertThat(admins.count()).isEqualTo(1);
        assertThat(audit.withAction("admin.federated.create")).hasSize(1);
    }

    @Test
    void theSameSubjectAtAnotherIssuerIsAnotherAdmin() {
        UUID a = federated.identify("a.b.c").orElseThrow().admin().id();
        UUID b = federated.identify("d.e.f").orElseThrow().admin().id();
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void anOverlongIssuerAndSubjectStillFitTheNameColumn() {
        String name = FederatedAdmins.nameOf(new FederatedIdentity("https://" + "i".repeat(250), "s".repeat(255),
                Set.of()));
        assertThat(name).startsWith("oidc:").hasSizeLessThanOrEqualTo(200);
    }

    @Test
    void aRefusedTokenIdentifiesNobody() {
        assertThat(federated.identify("x.y.z")).isEmpty();
        assertThat(admins.count()).isZero();
    }
}
