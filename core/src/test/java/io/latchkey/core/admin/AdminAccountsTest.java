package io.latchkey.core.admin;

import io.latchkey.core.testing.InMemoryAdmins;
import io.latchkey.core.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class AdminAccountsTest {
    private final MutableClock clock = new MutableClock();
    private final InMemoryAdmins admins = new InMemoryAdmins();
    private final AdminAccounts accounts = new AdminAccounts(admins, clock);

    @Test
    void bootstrapCreatesTheFirstAdministratorOnlyOnce() {
        Optional<Admin> first = accounts.bootstrap("admin", null, "lk_first-token");

        assertThat(first).get().satisfies(a -> {
            assertThat(a.name()).isEqualTo("admin");
            assertThat(a.createdAt()).isEqualTo(MutableClock.START);
            assertThat(a.passwordHash()).isNull();
        });
        assertThat(accounts.hasAdmin()).isTrue();

        Optional<Admin> second = accounts.bootstrap("root", null, "lk_second-token");

        assertThat(second).isEmpty();
        assertThat(admins.count()).isEqualTo(1);
        assertThat(accounts.byToken("lk_second-token")).isEmpty();
        assertThat(accounts.byToken("lk_first-token")).get().extracting(Admin::name).isEqualTo("admin");
    }

    @Test
    void noAdministratorBeforeBootstrap() {
        assertThat(accounts.hasAdmin()).isFalse();
        assertThat(accounts.byToken("lk_anything")).isEmpty();
    }

    @Test
    void bootstrapWithAPasswordSignsInWithIt() {
        accounts.bootstrap("admin", "s3cret-Passw0rd", null);

        String stored = admins.findByName("admin").orElseThrow().passwordHash();
        assertThat(new Pbkdf2Hasher().verify("s3cret-Passw0rd", stored)).isTrue();
        assertThat(new Pbkdf2Hasher().verify("wrong", stored)).isFalse();
        assertThat(stored).doesNotContain("s3cret");
    }

    @Test
    void aBootstrapPasswordMeetsThePolicy() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> accounts.bootstrap("admin", "short", null))
                .isInstanceOf(io.latchkey.core.Rejected.class).hasMessageContaining("at least 12");
        assertThat(accounts.hasAdmin()).isFalse();
    }

    @Test
    void aTokenIsStoredOnlyAsItsHashAndFoundByIt() {
        String token = AdminAccounts.newToken();
        accounts.bootstrap("admin", null, token);

        assertThat(admins.tokens()).singleElement().satisfies(t -> {
            assertThat(t.tokenHash()).isEqualTo(AdminAccounts.hashToken(token)).isNotEqualTo(token);
            assertThat(t.tokenHash()).doesNotContain(token.substring(3, 20));
            assertThat(t.expiresAt()).isNull();
        });
        assertThat(accounts.byToken(token)).isPresent();
        assertThat(accounts.byToken(token + "x")).isEmpty();
        assertThat(accounts.byToken("")).isEmpty();
        assertThat(accounts.byToken(null)).isEmpty();
    }

    @Test
    void anExpiredTokenIsRefused() {
        Admin admin = accounts.bootstrap("admin", null, null).orElseThrow();
        admins.addToken(new ApiToken(UUID.randomUUID(), admin.id(), "ci", AdminAccounts.hashToken("lk_ci"),
                clock.instant(), clock.instant().plus(Duration.ofDays(30))));

        clock.advance(Duration.ofDays(30).minusSeconds(1));
        assertThat(accounts.byToken("lk_ci")).isPresent();

        clock.advance(Duration.ofSeconds(1));
        assertThat(accounts.byToken("lk_ci")).isEmpty();
    }

    @Test
    void newTokensAreRandomPrefixedAndUrlSafe() {
        String a = AdminAccounts.newToken();
        String b = AdminAccounts.newToken();

        assertThat(a).isNotEqualTo(b).startsWith("lk_").matches("lk_[A-Za-z0-9_-]{43}");
    }

    @Test
    void tokenHashesAreHexSha256() {
        assertThat(AdminAccounts.hashToken("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void anAdministratorNeverPrintsItsPasswordHash() {
        Admin admin = accounts.bootstrap("admin", "pw-123456-long-enough", null).orElseThrow();

        assertThat(admin.toString()).doesNotContain(admin.passwordHash()).contains("admin");
    }
}
