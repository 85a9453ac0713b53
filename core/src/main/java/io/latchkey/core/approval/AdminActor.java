package io.latchkey.core.approval;

import io.latchkey.core.access.Permission;
import io.latchkey.core.access.Role;
import io.latchkey.core.access.RoleAssignment;
import io.latchkey.core.audit.Actor;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * An administrator acting on approvals: the account's id (what "the same admin" means, whichever
 * token or OpenID Connect access token of that account was used), the actor for the audit log,
 * the permissions the admin's roles grant over all devices, and whether one of those roles is Administrator.
 */
public record AdminActor(UUID adminId, Actor actor, Set<Permission> permissions, boolean administrator) {
    public AdminActor {
        Objects.requireNonNull(adminId, "adminId");
        Objects.requireNonNull(actor, "actor");
        permissions = permissions.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(permissions));
    }

    /** From the role assignments the surface loaded for this request. */
    public static AdminActor of(UUID adminId, Actor actor, Collection<RoleAssignment> assignments) {
        EnumSet<Permission> held = EnumSet.noneOf(Permission.class);
        for (Permission p : Permission.values()) {
            // Over all devices only: an approver scoped to some groups could otherwise release an action
            // on devices outside them (the requester's scope decides the devices, not the approver's).
            if (assignments.stream().anyMatch(a -> a.scope().allDevices() && a.role().permissions().contains(p))) {
                held.add(p);
            }
        }
        boolean administrator = assignments.stream().anyMatch(a -> a.role().builtIn()
                && a.roleName().equals(Role.ADMINISTRATOR));
        return new AdminActor(adminId, actor, held, administrator);
    }

    public boolean may(Permission permission) {
        return permissions.contains(permission);
    }
}
