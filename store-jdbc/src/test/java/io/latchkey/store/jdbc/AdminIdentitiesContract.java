package io.latchkey.store.jdbc;

import io.latchkey.core.admin.Admin;
import io.latchkey.core.admin.AdminAccounts;
import io.latchkey.core.admin.ApiToken;
import io.latchkey.core.admin.SignInAttempts;
import io.latchkey.core.admin.TotpSecrets;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static io.latchkey.store.jdbc.Fixtures.at;
import static org.assertj.core.api.Assertions.assertThat;

/** Revocable tokens, password hash replacement, sign-in failure counts and lockouts, TOTP secrets. */
public interface AdminIdentitiesContract extends StorageFixture {

    @Test
    default void aRevokedTokenNoLongerFindsItsAdminButIsStillListed() {
        Admin admin = new Admin(UUID.randomUUID(), "admin", null, at(0));
        storage().admins().create(admin, List.of());
        ApiToken token = new ApiToken(UUID.randomUUID(), admin.id(), "ci", AdminAccounts.hashToken("lk_ci"), at(0),
                at(1000));
        storage().admins().addToken(token);
        assertThat(storage().apiTokens().revoke(UUID.randomUUID(), token.id(), at(5))).isFalse(); // not its owner
        assertThat(storage().apiTokens().revoke(admin.id(), token.id(), at(5))).isTrue();
        assertThat(storage().apiTokens().revoke(admin.id(), token.id(), at(6))).isFalse();

        assertThat(storage().admins().findByTokenHash(token.tokenHash(), at(10))).isEmpty();
        assertThat(storage().apiTokens().ofAdmin(admin.id())).singleElement().satisfies(t -> {
            assertThat(t.name()).isEqualTo("ci");
            assertThat(t.expiresAt()).isEqualTo(at(1000));
            assertThat(t.revokedAt()).isEqualTo(at(5));
        });
    }

    @Test
    default void aPasswordHashIsReplaced() {
        Admin admin = new Admin(UUID.randomUUID(), "admin", "old", at(0));
        storage().admins().create(admin, List.of());
        assertThat(storage().adminPasswords().setPasswordHash(admin.id(), "$argon2id$new")).isTrue();
        assertThat(storage().adminPasswords().setPasswordHash(UUID.randomUUID(), "x")).isFalse();
        assertThat(storage().admins().findByName("admin").orElseThrow().passwordHash()).isEqualTo("$argon2id$new");
    }

    @Test
    default void failuresAreCountedWithinTheWindowAndLocksAreSharedState() {
        SignInAttempts attempts = storage().signInAttempts();
        assertThat(attempts.recordFailure("account:a", at(0), at(-900))).isEqualTo(1);
        assertThat(attempts.recordFailure("account:a", at(10), at(-890))).isEqualTo(2);
        assertThat(attempts.recordFailure("account:b", at(10), at(-890))).isEqualTo(1);
        // Past the window the first two are forgotten.
        assertThat(attempts.recordFailure("account:a", at(1000), at(100))).isEqualTo(1);

        assertThat(attempts.lockedUntil("account:a")).isEmpty();
        attempts.lock("account:a", at(2000));
        attempts.lock("account:a", at(3000));
        assertThat(attempts.lockedUntil("account:a")).contains(at(3000));
        assertThat(storage().signInAttempts().recordFailure("account:a", at(1001), at(100))).isEqualTo(1);

        attempts.clear("account:a");
        assertThat(attempts.lockedUntil("account:a")).isEmpty();
        assertThat(attempts.recordFailure("account:b", at(11), at(-889))).isEqualTo(2);
    }

    @Test
    default void aTotpStepIsAcceptedOnlyOnceAndOnlyForward() {
        Admin admin = new Admin(UUID.randomUUID(), "admin", null, at(0));
        storage().admins().create(admin, List.of());
        TotpSecrets secrets = storage().totpSecrets();
        assertThat(secrets.find(admin.id())).isEmpty();
        secrets.put(admin.id(), new byte[]{1, 2, 3}, false);
        assertThat(secrets.find(admin.id())).get().satisfies(s -> {
            assertThat(s.sealedSecret()).containsExactly(1, 2, 3);
            assertThat(s.confirmed()).isFalse();
            assertThat(s.lastStep()).isEqualTo(-1);
        });
        assertThat(secrets.confirm(admin.id())).isTrue();
        assertThat(secrets.advance(admin.id(), 100)).isTrue();
        assertThat(secrets.advance(admin.id(), 100)).isFalse();
        assertThat(secrets.advance(admin.id(), 99)).isFalse();
        assertThat(secrets.advance(admin.id(), 101)).isTrue();
        assertThat(secrets.find(admin.id()).orElseThrow().confirmed()).isTrue();

        secrets.put(admin.id(), new byte[]{4}, true); // re-enrolment starts afresh
        assertThat(secrets.find(admin.id()).orElseThrow().lastStep()).isEqualTo(-1);
        secrets.remove(admin.id());
        assertThat(secrets.find(admin.id())).isEmpty();
    }
}
