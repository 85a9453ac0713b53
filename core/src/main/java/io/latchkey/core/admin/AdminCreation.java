package io.latchkey.core.admin;

import io.latchkey.core.Rejected;
import io.latchkey.core.audit.Actor;
import io.latchkey.core.audit.AuditEvent;
import io.latchkey.core.audit.AuditLog;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * Another local administrator ({@code latchkey admin create}): made without a password and without
 * a role, so it can do nothing until an operator sets a password (or a token) and assigns a role.
 * Multi-admin approval needs at least two administrators; before this, only the bootstrap and an
 * OpenID sign-in made one.
 */
public final class AdminCreation {
    private final Admins admins;
    private final AuditLog audit;
    private final Clock clock;

    public AdminCreation(Admins admins, AuditLog audit, Clock clock) {
        this.admins = admins;
        this.audit = audit;
        this.clock = clock;
    }

    /** @throws Rejected invalid for a bad name, conflict when the name is taken */
    public Admin create(String name, Actor actor) {
        String n = name == null ? "" : name.trim();
        if (n.isEmpty() || n.length() > 200 || !n.equals(name) || n.chars().anyMatch(Character::isISOControl)) {
            throw Rejected.invalid("an administrator's name is 1 to 200 characters, no surrounding spaces or control "
                    + "characters");
        }
        if (n.startsWith(FederatedAdmins.PREFIX)) {
            throw Rejected.invalid("names starting with '" + FederatedAdmins.PREFIX + "' are kept for administrators "
                    + "who sign in through the OpenID provider");
        }
        if (admins.findByName(n).isPresent()) {
            throw Rejected.conflict("an administrator named '" + n + "' exists already");
        }
        Admin admin = new Admin(UUID.randomUUID(), n, null, clock.instant());
        admins.create(admin, List.of());
        audit.append(new AuditEvent(UUID.randomUUID(), clock.instant(), actor.name(), actor.address(), "admin.create",
                "admin", n, "local administrator created, no password and no role yet"));
        return admin;
    }
}
