package io.latchkey.core.access;

import io.latchkey.core.Rejected;
import io.latchkey.core.audit.Actor;
import io.latchkey.core.audit.AuditEvent;
import io.latchkey.core.inventory.Groups;

import java.time.Clock;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Changes to roles and assignments (issue 8 item 2), for the API and the CLI alike: custom roles
 * created, replaced and deleted (built-ins are immutable), roles given to an admin over all devices
 * or some static groups, and taken away. Every change is audited; refusals say what is wrong.
 */
public final class RoleAdministration {
    private final Roles roles;
    private final RoleAssignments assignments;
    private final Groups groups;
    private final Clock clock;

    public RoleAdministration(Roles roles, RoleAssignments assignments, Groups groups, Clock clock) {
        this.roles = roles;
        this.assignments = assignments;
        this.groups = groups;
        this.clock = clock;
    }

    /**
     * Creates ({@code create}) or replaces a custom role. Creating a name that exists is a
     * conflict, replacing one that does not is unknown, and a built-in name is refused either way.
     */
    public Role saveCustom(String name, Set<Permission> permissions, boolean create, Actor actor) {
        Role role;
        try {
            role = Role.custom(name, permissions);
        } catch (IllegalArgumentException e) {
            throw Rejected.invalid(e.getMessage() + (e.getMessage().contains("built-in") ? " and cannot be changed" : ""));
        }
        boolean exists = roles.byName(role.name()).isPresent();
        if (create && exists) {
            throw Rejected.conflict("a role named '" + role.name() + "' already exists");
        }
        if (!create && !exists) {
            throw Rejected.notFound("no role '" + role.name() + "'");
        }
        roles.saveCustom(role, event(actor, create ? "role.create" : "role.update", role.name(),
                names(role.permissions())));
        return role;
    }

    /** Deletes a custom role and every assignment of it. */
    public void deleteCustom(String name, Actor actor) {
        Role role = roles.byName(name).orElseThrow(() -> Rejected.notFound("no role '" + name + "'"));
        if (role.builtIn()) {
            throw Rejected.invalid("'" + role.name() + "' is a built-in role and cannot be deleted");
        }
        roles.deleteCustom(role.name(), event(actor, "role.delete", role.name(), ""));
    }

    /** Gives the role to the admin within the scope (replacing their earlier scope for it). */
    public void assign(UUID adminId, String roleName, Scope scope, Actor actor) {
        Role role = roles.byName(roleName).orElseThrow(() -> Rejected.notFound("no role '" + roleName + "'"));
        if (scope.isEmpty()) {
            throw Rejected.invalid("an assignment needs a scope: all devices or some groups");
        }
        for (UUID g : scope.groupIds()) {
            if (groups.find(g).isEmpty()) {
                throw Rejected.notFound("no group " + g + " (a scope names static groups; for every device say all "
                        + "devices)");
            }
        }
        assignments.assign(adminId, role.name(), scope, event(actor, "role.assign", role.name(), "admin " + adminId
                + " over " + (scope.allDevices() ? "all devices" : "groups " + new TreeSet<>(scope.groupIds()))));
    }

    /** Takes the role away from the admin; unknown when they did not hold it. */
    public void unassign(UUID adminId, String roleName, Actor actor) {
        boolean held = assignments.of(adminId).stream().anyMatch(a -> a.roleName().equals(roleName));
        if (!held) {
            throw Rejected.notFound("the administrator does not hold the role '" + roleName + "'");
        }
        assignments.revoke(adminId, roleName, event(actor, "role.unassign", roleName, "admin " + adminId));
    }

    /** The change's audit entry, which the store appends in the change's own transaction. */
    private AuditEvent event(Actor actor, String action, String role, String detail) {
        return new AuditEvent(UUID.randomUUID(), clock.instant(), actor.name(), actor.address(), action, "role",
                role, detail);
    }

    private static String names(Set<Permission> permissions) {
        return permissions.stream().map(p -> p.name().toLowerCase(Locale.ROOT)).sorted()
                .collect(Collectors.joining(","));
    }
}
