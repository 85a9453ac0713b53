package io.latchkey.api;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.latchkey.core.access.AccessDecisions;
import io.latchkey.core.access.DeviceScopes;
import io.latchkey.core.access.Grants;
import io.latchkey.core.access.Permission;
import io.latchkey.core.access.RoleAssignment;
import io.latchkey.core.access.RoleAssignments;
import io.latchkey.core.admin.Admin;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * Runs after {@link BearerAuth}: loads the admin's role assignments once per request and refuses
 * with 403 what no role of theirs permits. Which permission a route needs is decided here, in one
 * table, so a reviewer sees the whole policy at once; remote-action submission is the exception,
 * because the permission depends on the action named in the body (see {@link #require}).
 */
public final class AccessGuard implements Handler {
    static final String ASSIGNMENTS_ATTRIBUTE = "latchkey.assignments";
    static final String GRANTS_ATTRIBUTE = "latchkey.grants";
    static final String SCOPES_ATTRIBUTE = "latchkey.scopes";

    private final RoleAssignments assignments;
    private final DeviceScopes scopes;

    public AccessGuard(RoleAssignments assignments, DeviceScopes scopes) {
        this.assignments = assignments;
        this.scopes = scopes;
    }

    /** The caller's assignments with built-in roles an OpenID Connect token maps to (over all devices). */
    public static List<RoleAssignment> held(Admin admin, io.latchkey.core.admin.AdminIdentity identity,
                                            RoleAssignments assignments) {
        if (admin == null || assignments == null) {
            return List.of();
        }
        List<RoleAssignment> held = io.latchkey.core.access.Grants.withMapped(admin.id(), assignments.of(admin.id()),
                identity == null ? List.of() : identity.roles());
        if (identity == null || identity.onlyRoles().isEmpty()) {
            return held;
        }
        // A token limited to some roles acts with those of the admin's roles only, never more.
        return held.stream().filter(a -> identity.onlyRoles().stream().anyMatch(r -> r.equalsIgnoreCase(a.roleName())))
                .toList();
    }

    @Override
    public void handle(Context ctx) {
        Admin admin = ctx.attribute(BearerAuth.ADMIN_ATTRIBUTE);
        // Fail closed: without the port wired nobody holds anything. An OpenID Connect token brings
        // the roles its provider's claim maps to: built-in roles, over all devices (scoped
        // assignments for federated admins are stored ones, like anyone's).
        List<RoleAssignment> held = held(admin, ctx.attribute(BearerAuth.IDENTITY_ATTRIBUTE), assignments);
        ctx.attribute(ASSIGNMENTS_ATTRIBUTE, held);
        ctx.attribute(GRANTS_ATTRIBUTE, new Grants(held));
        ctx.attribute(SCOPES_ATTRIBUTE, scopes);
        String path = ctx.path().substring(Math.min(ctx.path().length(), (ctx.contextPath() + AdminApi.BASE).length()));
        needed(ctx.method().name(), path).ifPresent(p -> require(ctx, p));
        if (needsEverywhere(ctx.method().name(), path)) {
            needed(ctx.method().name(), path).ifPresent(p -> requireEverywhere(ctx, p));
        }
    }

    /** The caller's grants; none (permitting nothing) outside a guarded route. */
    public static Grants grants(Context ctx) {
        Grants grants = ctx.attribute(GRANTS_ATTRIBUTE);
        return grants == null ? Grants.none() : grants;
    }

    /**
     * Refuses unless the permission is held over every device: for what creates things no scope
     * contains yet (an import, a new group, an enrollment code for someone with no device).
     */
    public static void requireEverywhere(Context ctx, Permission permission) {
        require(ctx, permission);
        if (!grants(ctx).everywhere(permission)) {
            throw new ApiException(403, "forbidden", "your role permits "
                    + permission.name().toLowerCase(Locale.ROOT).replace('_', ' ') + " only within its scope");
        }
    }

    /**
     * The device check of single-device routes: a device outside the caller's read scope is
     * answered 404 exactly as an unknown one (its existence is not theirs to learn); one they may
     * see but not act on, 403.
     */
    public static void requireDevice(Context ctx, Permission permission, UUID deviceId) {
        Grants grants = grants(ctx);
        DeviceScopes scopes = ctx.attribute(SCOPES_ATTRIBUTE);
        if (!covers(scopes, grants, Permission.READ_DEVICES, deviceId)) {
            throw ApiException.notFound("no device " + deviceId);
        }
        if (permission != Permission.READ_DEVICES && !covers(scopes, grants, permission, deviceId)) {
            require(ctx, permission);
            throw new ApiException(403, "forbidden", "your role does not permit "
                    + permission.name().toLowerCase(Locale.ROOT).replace('_', ' ') + " on this device");
        }
    }

    /** Whether the user is visible to the caller (a scoped reader: owners of devices in scope). */
    public static boolean seesUser(Context ctx, UUID userId) {
        DeviceScopes scopes = ctx.attribute(SCOPES_ATTRIBUTE);
        Grants grants = grants(ctx);
        if (grants.everywhere(Permission.READ_DEVICES)) {
            return true;
        }
        return scopes != null && scopes.seesUser(grants, userId);
    }

    private static boolean covers(DeviceScopes scopes, Grants grants, Permission permission, UUID deviceId) {
        if (grants.everywhere(permission)) {
            return true;
        }
        return scopes != null && scopes.covers(grants, permission, deviceId);
    }

    /**
     * Routes that create what no scope holds yet (import, a new group, enrollment codes), and role
     * management, so that a scoped admin can never grant more than they hold.
     */
    static boolean needsEverywhere(String method, String path) {
        String[] parts = path.replaceAll("^/+|/+$", "").split("/");
        if (parts[0].equals("roles") || parts[0].equals("admins")) {
            return true;
        }
        return method.equals("POST") && (parts[0].equals("import") || (parts[0].equals("groups") && parts.length == 1)
                || (parts[0].equals("users") && parts.length == 3 && parts[2].equals("enrollment-codes")));
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
            case "devices" -> Optional.of(read ? Permission.READ_DEVICES : Permission.MANAGE_DEVICES);
            case "matrix" -> Optional.of(Permission.READ_DEVICES);
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
