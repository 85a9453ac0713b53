package io.latchkey.core.access;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A named set of permissions. The three built-ins are seeded by the storage migration too; the
 * definitions here are the ones the code trusts, so a tampered row cannot widen a built-in.
 */
public record Role(String name, Set<Permission> permissions, boolean builtIn) {
    public static final String ADMINISTRATOR = "Administrator";
    public static final String HELP_DESK_OPERATOR = "Help Desk Operator";
    public static final String READ_ONLY_OPERATOR = "Read Only Operator";
    private static final int MAX_NAME = 100;

    public Role {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a role name is required");
        }
        name = name.strip();
        if (name.length() > MAX_NAME) {
            throw new IllegalArgumentException("a role name has at most " + MAX_NAME + " characters");
        }
        permissions = permissions.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(permissions));
    }

    /** A custom (operator-defined) role. */
    public static Role custom(String name, Set<Permission> permissions) {
        Role role = new Role(name, permissions, false);
        if (builtIns().stream().anyMatch(b -> b.name().equalsIgnoreCase(role.name()))) {
            throw new IllegalArgumentException("'" + role.name() + "' is a built-in role name");
        }
        return role;
    }

    public boolean permits(Permission permission) {
        return permissions.contains(permission);
    }

    public static Role administrator() {
        return new Role(ADMINISTRATOR, EnumSet.allOf(Permission.class), true);
    }

    /** Day-to-day support: sees devices, runs every remote task, reveals secrets, reads audit. */
    public static Role helpDeskOperator() {
        EnumSet<Permission> set = EnumSet.of(Permission.READ_DEVICES, Permission.REVEAL_SECRET, Permission.READ_AUDIT);
        Arrays.stream(Permission.values()).filter(Permission::isRemoteTask).forEach(set::add);
        return new Role(HELP_DESK_OPERATOR, set, true);
    }

    public static Role readOnlyOperator() {
        return new Role(READ_ONLY_OPERATOR, EnumSet.of(Permission.READ_DEVICES, Permission.READ_AUDIT), true);
    }

    public static List<Role> builtIns() {
        return List.of(administrator(), helpDeskOperator(), readOnlyOperator());
    }
}
