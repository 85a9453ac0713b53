package io.latchkey.console.web;

import io.javalin.http.Context;
import io.latchkey.core.Rejected;
import io.latchkey.core.access.DeviceScopes;
import io.latchkey.core.access.Grants;
import io.latchkey.core.access.Permission;

import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * Roles and scopes on the console (issue 8 item 2), as on the APIs: {@link Guard} loads the signed-in
 * admin's {@link Grants} once per request and refuses with a 403 page a route their roles do not
 * permit (so a forged form fails even though its button was never shown); pages narrow their
 * queries to the scope and answer a device or user outside it as unknown (404).
 */
public final class ConsoleAccess {
    static final String GRANTS_ATTRIBUTE = "latchkey.console.grants";
    static final String SCOPES_ATTRIBUTE = "latchkey.console.scopes";

    private final BiFunction<String, java.util.Set<String>, Grants> grantsOf;
    private final DeviceScopes scopes;

    /**
     * {@code grantsOf}: the admin's grants by account name (the name a session carries) and the
     * built-in role names a sign-in through the OpenID provider mapped (empty for a password sign-in).
     */
    public ConsoleAccess(BiFunction<String, java.util.Set<String>, Grants> grantsOf, DeviceScopes scopes) {
        this.grantsOf = grantsOf;
        this.scopes = scopes;
    }

    /** Refused: the role does not permit it. The console answers with a 403 page that says so. */
    public static final class Forbidden extends RuntimeException {
        public Forbidden(Permission permission) {
            super("your role does not permit " + permission.name().toLowerCase(Locale.ROOT).replace('_', ' '), null,
                    false, false);
        }
    }

    /** Loads the grants into the request; false (with the 403 page written) when the route is refused. */
    boolean admit(Context ctx, ConsoleSession session) {
        Grants grants = grantsOf.apply(session.admin(),
                session.federated() == null ? java.util.Set.of() : session.federated().roles());
        ctx.attribute(GRANTS_ATTRIBUTE, grants);
        ctx.attribute(SCOPES_ATTRIBUTE, scopes);
        String path = ctx.path().substring(Math.min(ctx.path().length(), Guard.PREFIX.length()));
        Optional<Permission> needed = needed(ctx.method().name(), path);
        if (needed.isEmpty() || grants.permits(needed.get())
                && (!needsEverywhere(path) || grants.everywhere(needed.get()))) {
            return true;
        }
        ctx.status(403).contentType("text/html; charset=utf-8").result("<!doctype html><title>403</title>"
                + "<p>Forbidden: " + new Forbidden(needed.get()).getMessage() + ".</p><p><a href=\"/console\">"
                + "Latchkey</a></p>");
        ctx.skipRemainingHandlers();
        return false;
    }

    /**
     * The permission a console route needs, by method and path below {@value Guard#PREFIX}; empty for
     * sign-out and for task submission, whose permission depends on the action (checked by the page).
     * An unknown route needs MANAGE_ROLES, so a new page is never open by accident.
     */
    static Optional<Permission> needed(String method, String path) {
        String[] parts = path.replaceAll("^/+|/+$", "").split("/");
        boolean post = method.equals("POST");
        return switch (parts[0]) {
            case "", "groups" -> Optional.of(Permission.READ_DEVICES);
            case "devices" -> Optional.of(post ? Permission.MANAGE_DEVICES : Permission.READ_DEVICES);
            case "users" -> Optional.of(post || parts.length > 2 && parts[2].equals("enrollment")
                    ? Permission.MANAGE_ENROLLMENT : Permission.READ_DEVICES);
            case "enrollment" -> Optional.of(Permission.MANAGE_ENROLLMENT);
            case "tasks" -> post ? Optional.empty() : Optional.of(Permission.READ_DEVICES);
            case "commands" -> Optional.of(Permission.REVEAL_SECRET);
            case "audit" -> Optional.of(Permission.READ_AUDIT);
            // Deciding is checked by ActionApprovals (APPROVE_ACTIONS and the action's permission).
            case "approvals" -> post ? Optional.empty() : Optional.of(Permission.READ_DEVICES);
            case "logout" -> Optional.empty();
            default -> Optional.of(Permission.MANAGE_ROLES);
        };
    }

    /** Enrollment creates devices no scope holds yet: it needs the permission over all devices. */
    private static boolean needsEverywhere(String path) {
        return path.startsWith("/enrollment") || path.matches("/users/[^/]+/enrollment/.*");
    }

    /** The signed-in admin's grants; none outside a guarded route (fail closed). */
    public static Grants grants(Context ctx) {
        Grants g = ctx.attribute(GRANTS_ATTRIBUTE);
        return g == null ? Grants.none() : g;
    }

    /** Refuses unless some role grants the permission (403 page). */
    public static void require(Context ctx, Permission permission) {
        if (!grants(ctx).permits(permission)) {
            throw new Forbidden(permission);
        }
    }

    /** A device outside the read scope is unknown (404); one visible but not in the permission's scope, 403. */
    public static void requireDevice(Context ctx, Permission permission, UUID deviceId) {
        if (!covers(ctx, Permission.READ_DEVICES, deviceId)) {
            throw Rejected.notFound("no device " + deviceId);
        }
        if (permission != Permission.READ_DEVICES && !covers(ctx, permission, deviceId)) {
            throw new Forbidden(permission);
        }
    }

    public static boolean covers(Context ctx, Permission permission, UUID deviceId) {
        Grants g = grants(ctx);
        if (g.everywhere(permission)) {
            return true;
        }
        DeviceScopes s = ctx.attribute(SCOPES_ATTRIBUTE);
        return s != null && s.covers(g, permission, deviceId);
    }

    /** Whether a user is visible: a scoped reader sees those who enrolled a device in scope. */
    public static boolean seesUser(Context ctx, UUID userId) {
        Grants g = grants(ctx);
        if (g.everywhere(Permission.READ_DEVICES)) {
            return true;
        }
        DeviceScopes s = ctx.attribute(SCOPES_ATTRIBUTE);
        return s != null && s.seesUser(g, userId);
    }

    /** Whether the admin sees every action request (else only their own). */
    public static boolean seesAllRequests(Context ctx) {
        return grants(ctx).everywhere(Permission.READ_DEVICES);
    }
}
