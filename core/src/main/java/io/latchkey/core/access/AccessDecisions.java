package io.latchkey.core.access;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/**
 * Answers "may this admin do that, and where?" from their assignments. Pure: the caller loads
 * the assignments (once per request) so the decision itself never touches storage.
 */
public final class AccessDecisions {
    private AccessDecisions() {
    }

    public static boolean permits(Collection<RoleAssignment> assignments, Permission permission) {
        return !scopeOf(assignments, permission).isEmpty();
    }

    /** The union of the scopes of every assignment whose role grants the permission. */
    public static Scope scopeOf(Collection<RoleAssignment> assignments, Permission permission) {
        Set<UUID> groups = new HashSet<>();
        for (RoleAssignment a : assignments) {
            if (!a.role().permits(permission)) {
                continue;
            }
            if (a.scope().allDevices()) {
                return Scope.ALL;
            }
            groups.addAll(a.scope().groupIds());
        }
        return groups.isEmpty() ? Scope.NONE : new Scope(false, groups);
    }
}
