package io.latchkey.store.jdbc;

import io.latchkey.core.Rejected;
import io.latchkey.core.admin.Admin;
import io.latchkey.core.admin.AdminAccounts;
import io.latchkey.core.admin.ApiToken;
import io.latchkey.core.audit.AuditEvent;
import io.latchkey.core.inventory.Page;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.latchkey.store.jdbc.Fixtures.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The audit log (append-only, newest first) and administrator accounts with API tokens. */
public interface AuditAdminContract extends StorageFixture {

    @Test
    default void auditPagesNewestFirstWithTiesInReverseAppendOrder() {
        List<AuditEvent> appended = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            AuditEvent e = new AuditEvent(UUID.randomUUID(), at(i / 3), "admin", "cli", "test.event", i % 2 == 0
                    ? null : "device", i % 2 == 0 ? null : "d" + i, "event " + i);
            storage().audit().append(e);
            appended.add(e);
        }
        List<AuditEvent> walked = new ArrayList<>();
        String cursor = null;
        do {
            Page<AuditEvent> page = storage().audit().page(cursor, 4);
            walked.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null);
        assertThat(walked).containsExactlyElementsOf(appended.reversed());
    }

    @Test
    default void adminsAreCountedCreatedAndFoundByName() {
        assertThat(storage().admins().count()).isZero();
        Admin admin = new Admin(UUID.randomUUID(), "admin", "pbkdf2-sha256$1$c2FsdA$aGFzaA", at(0));
        storage().admins().create(admin, java.util.List.of());
        storage().admins().create(new Admin(UUID.randomUUID(), "ops", null, at(1)), java.util.List.of());
        assertThat(storage().admins().count()).isEqualTo(2);
        assertThat(storage().admins().findByName("admin")).contains(admin);
        assertThat(storage().admins().findByName("nobody")).isEmpty();
        assertThatThrownBy(() -> storage().admins().create(new Admin(UUID.randomUUID(), "admin", null, at(2)), java.util.List.of()))
                .isInstanceOfSatisfying(Rejected.class, r -> assertThat(r.kind()).isEqualTo(Rejected.Kind.CONFLICT));
    }

    @Test
    default void tokensAreFoundByHashUntilTheyExpire() {
        Admin admin = new Admin(UUID.randomUUID(), "admin", null, at(0));
        storage().admins().create(admin, java.util.List.of());
        String forever = AdminAccounts.hashToken("lk_forever");
        String shortLived = AdminAccounts.hashToken("lk_short");
        storage().admins().addToken(new ApiToken(UUID.randomUUID(), admin.id(), "ci", forever, at(0), null));
        storage().admins().addToken(new ApiToken(UUID.randomUUID(), admin.id(), "tmp", shortLived, at(0), at(60)));
        assertThat(storage().admins().findByTokenHash(forever, at(1_000_000))).contains(admin);
        assertThat(storage().admins().findByTokenHash(shortLived, at(59))).contains(admin);
        assertThat(storage().admins().findByTokenHash(shortLived, at(60))).isEmpty();
        assertThat(storage().admins().findByTokenHash(AdminAccounts.hashToken("lk_unknown"), at(0))).isEmpty();
        assertThatThrownBy(() -> storage().admins().addToken(new ApiToken(UUID.randomUUID(), admin.id(), "again",
                forever, at(0), null))).isInstanceOf(Rejected.class);
    }

    @Test
    default void anAdminIsCreatedWithItsFirstTokenOrNotAtAll() {
        String hash = AdminAccounts.hashToken("lk_bootstrap");
        Admin first = new Admin(UUID.randomUUID(), "admin", null, at(0));
        storage().admins().create(first, java.util.List.of(new ApiToken(UUID.randomUUID(), first.id(), "bootstrap",
                hash, at(0), null)));
        assertThat(storage().admins().findByTokenHash(hash, at(1))).contains(first);

        // A second admin whose token collides is refused whole: no admin without its credential.
        Admin second = new Admin(UUID.randomUUID(), "ops", null, at(1));
        assertThatThrownBy(() -> storage().admins().create(second, java.util.List.of(new ApiToken(UUID.randomUUID(),
                second.id(), "dup", hash, at(1), null)))).isInstanceOf(Rejected.class);
        assertThat(storage().admins().findByName("ops")).isEmpty();
        assertThat(storage().admins().count()).isEqualTo(1);
    }
}
