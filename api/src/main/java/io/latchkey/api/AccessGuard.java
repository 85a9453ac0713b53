package io.latchkey.api;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.latchkey.core.access.AccessDecisions;
import io.latchkey.core.access.Permission;
import io.latchkey.core.access.RoleAssignment;
import io.latchkey.core.access.RoleAssignments;
import io.latchkey.core.admin.Admin;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Runs after {@link BearerAuth}: loads the admin's role assignments once per request and refuses
 * with 403 what no role of theirs permits. Which permission a route needs is decided here, in one
 * table, so a reviewer sees the whole policy at once; remote-action submission is the exception,
 * because the permission depends on the action named in the body (see {@link #require}).
 */
public final class AccessGuard implements Handler {
    static final String ASSIGNMENTS_ATTRIBUTE = "latchkey.assignments";

    private final RoleAssignments assignments;

    public AccessGuard(RoleAssignments assignments) {
        this.assignments = assignments;
    }

    @Override
    public void handle(Context ctx) {
        Admin admin = ctx.attribute(BearerAuth.ADMIN_ATTRIBUTE);
        // Fail closed: without the port wired nobody holds anything.
        List<RoleAssignment> held = new java.util.ArrayList<>(
                admin == null || assignments == null ? List.of() : assignments.of(admin.id()));
        // An OpenID Connect token brings the roles its provider's claim maps to: built-in roles, over
        // all devices (scoped assignments for federated admins are stored ones, like anyone's).
        io.latchkey.core.admin.AdminIdentity identity = ctx.attribute(BearerAuth.IDENTITY_ATTRIBUTE);
        if (admin != null && identity != null) {
            for (String name : identity.roles()) {
                io.latchkey.core.access.Role.builtIns().stream().filter(r -> r.name().equalsIgnoreCase(name))
                        .findFirst().ifPresent(r -> held.add(new RoleAssignment(admin.id(), r,
                                io.latchkey.core.access.Scope.ALL)));
            }
        }
        ctx.attribute(ASSIGNMENTS_ATTRIBUTE, List.copyOf(held));
        String path = ctx.path().substring(Math.min(ctx.path().length(), (ctx.contextPath() + AdminApi.BASE).length()));
        needed(ctx.method().name(), path).ifPresent(p -> require(ctx, p));
    }

    /** The caller's role assignments, as loaded for this request (empty when none were). */
    public static List<RoleAssignment> assignments(Context ctx) {
        List<RoleAssignment> held = ctx.attribute(ASSIGNMENTS_ATTRIBUTE);
        return held == null ? List.of() : held;
    }

    /** Refuses the request unless the caller's roles grant the permission. */
    public static void require(Context ctx, Permission permission) {
        List<RoleAssignment> held = ctx.attribute(ASSIGNMENTS_ATTRIBUTE);
        if (held == null || !AccessDecisions.permits(held, permission)) {
            throw new ApiException(403, "forbidden", "your role does not permit "
                    + permission.name().toLowerCase(Locale.ROOT).replace('_', ' '));
        }
    }

    /**
     * The permission a route needs, by method and path below {@value AdminApi#BASE}; empty for the
     * caller's own account and for what the endpoint checks itself. A path this table does not
     * know needs MANAGE_ROLES, which only Administrators hold, so a new route is never open by
     * accident.
     */
    static Optional<Permission> needed(String method, String path) {
        boolean read = method.equals("GET") || method.equals("HEAD");
        String[] parts = path.replaceAll("^/+|/+$", "").split("/");
        String head = parts[0];
        return switch (head) {
            case "tokens", "me" -> Optional.empty();
            case "devices", "matrix" -> Optional.of(Permission.READ_DEVICES);
            case "audit" -> Optional.of(Permission.READ_AUDIT);
            case "import" -> Optional.of(Permission.MANAGE_DEVICES);
            case "groups" -> Optional.of(read ? Permission.READ_DEVICES : Permission.MANAGE_GROUPS);
            case "users" -> Optional.of(read ? Permission.READ_DEVICES
                    : parts.length == 3 && parts[2].equals("enrollment-codes") ? Permission.MANAGE_ENROLLMENT
                    : Permission.MANAGE_USERS);
            case "commands" -> Optional.of(parts.length == 3 && parts[2].equals("secret")
                    ? Permission.REVEAL_SECRET : Permission.READ_DEVICES);
            // Submit and cancel need the permission of the action itself: checked by the endpoint.
            case "actions" -> read || (parts.length == 2 && parts[1].equals("preview"))
                    ? Optional.of(Permission.READ_DEVICES) : Optional.empty();
            // Deciding needs APPROVE_ACTIONS and the action's permission: checked by the core.
            case "approvals" -> read ? Optional.of(Permission.READ_DEVICES) : Optional.empty();
            default -> Optional.of(Permission.MANAGE_ROLES);
        };
    }
}
