package io.latchkey.core.admin;

import io.latchkey.core.Rejected;
import io.latchkey.core.audit.Actor;
import io.latchkey.core.audit.AuditEvent;
import io.latchkey.core.audit.AuditLog;

import java.time.Clock;
import java.util.UUID;

/** Sets an administrator's password, through the {@link PasswordPolicy}; audited without the password. */
public final class Passwords {
    private final Admins admins;
    private final AdminPasswords passwords;
    private final PasswordHasher hasher;
    private final AuditLog audit;
    private final Clock clock;

    public Passwords(Admins admins, AdminPasswords passwords, PasswordHasher hasher, AuditLog audit, Clock clock) {
        this.admins = admins;
        this.passwords = passwords;
        this.hasher = hasher;
        this.audit = audit;
        this.clock = clock;
    }

    public void set(String name, String password, Actor actor) {
        Admin admin = admins.findByName(name)
                .orElseThrow(() -> Rejected.notFound("no administrator named '" + name + "'"));
        PasswordPolicy.standard().check(admin.name(), password);
        passwords.setPasswordHash(admin.id(), hasher.hash(password));
        audit.append(new AuditEvent(UUID.randomUUID(), clock.instant(), actor.name(), actor.address(),
                "admin.password.set", "admin", admin.name(), "password changed"));
    }
}
