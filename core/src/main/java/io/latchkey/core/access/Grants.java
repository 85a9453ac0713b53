package io.latchkey.core.access;

import io.latchkey.core.inventory.DeviceCondition;
import io.latchkey.core.inventory.DeviceFilter;

import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * What one administrator may do and where, for one request: their role assignments turned into
 * answers every surface asks the same way (issue 8 item 2). An admin may do permission P on
 * device D iff some assignment's role grants P and D is in that assignment's scope; the union of
 * those scopes is {@link #scope}. A scope names static groups; a device is in it when it is a
 * member of one of them. Built-in groups (All Devices, All Exchange ActiveSync Managed Devices, …)
 * are computed views, not scopes: every admin may browse them, and sees only the members within
 * their own scope. "Every device" is a scope of its own ({@link Scope#ALL}).
 *
 * <p>Pure: the caller loads the assignments once; membership questions become a
 * {@link DeviceCondition} or a narrowed {@link DeviceFilter} that the store answers with SQL, so a
 * scope costs one indexed membership probe per row, never a load of the fleet.
 */
public final class Grants {
    private final List<RoleAssignment> assignments;

    public Grants(List<RoleAssignment> assignments) {
        this.assignments = List.copyOf(assignments);
    }

    /** No assignment at all: permits nothing (fail closed). */
    /**
     * The stored assignments plus the built-in roles an identity provider's claim mapped to (an
     * OpenID access token, a console sign-in through the provider): those count over all devices.
     * Mapped names that are not built-in roles give nothing.
     */
    public static List<RoleAssignment> withMapped(UUID adminId, List<RoleAssignment> stored,
                                                  java.util.Collection<String> mappedRoles) {
        List<RoleAssignment> held = new java.util.ArrayList<>(stored);
        for (String name : mappedRoles) {
            Role.builtIns().stream().filter(r -> r.name().equalsIgnoreCase(name)).findFirst()
                    .ifPresent(r -> held.add(new RoleAssignment(adminId, r, Scope.ALL)));
        }
        return List.copyOf(held);
    }

    public static Grants none() {
        return new Grants(List.of());
    }

    public List<RoleAssignment> assignments() {
        return assignments;
    }

    /** Whether some assignment grants the permission somewhere. */
    public boolean permits(Permission permission) {
        return AccessDecisions.permits(assignments, permission);
    }

    /** Where the permission applies: the union of the scopes of the assignments that grant it. */
    public Scope scope(Permission permission) {
        return AccessDecisions.scopeOf(assignments, permission);
    }

    /** Whether the permission applies to every device (no scope to apply). */
    public boolean everywhere(Permission permission) {
        return scope(permission).allDevices();
    }

    /**
     * The static groups the permission is limited to; null when it applies to every device, empty
     * when it applies nowhere (which selects no device).
     */
    public Set<UUID> groups(Permission permission) {
        Scope s = scope(permission);
        return s.allDevices() ? null : s.groupIds();
    }

    /** The devices the permission applies to, as a condition the store evaluates. */
    public DeviceCondition devices(Permission permission) {
        Set<UUID> groups = groups(permission);
        return groups == null ? DeviceCondition.ALL : new DeviceCondition.InGroups(groups);
    }

    /** {@code where} kept to the devices the permission applies to. */
    public DeviceCondition narrow(Permission permission, DeviceCondition where) {
        DeviceCondition scope = devices(permission);
        if (scope instanceof DeviceCondition.All) {
            return where;
        }
        if (where == null || where instanceof DeviceCondition.All) {
            return scope;
        }
        return new DeviceCondition.And(List.of(scope, where));
    }

    /** {@code filter} kept to the devices the permission applies to. */
    public DeviceFilter narrow(Permission permission, DeviceFilter filter) {
        return filter.withinGroups(groups(permission));
    }

    /** Whether a static group is visible: an unscoped reader sees all, a scoped one only their groups. */
    public boolean seesGroup(UUID staticGroupId) {
        Set<UUID> groups = groups(Permission.READ_DEVICES);
        return groups == null || groups.contains(staticGroupId);
    }
}
