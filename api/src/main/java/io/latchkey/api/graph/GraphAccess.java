package io.latchkey.api.graph;

import io.latchkey.core.access.Permission;

import java.util.Optional;

/**
 * The permission each Graph route needs before it runs, in one table (as {@code AccessGuard} does
 * for {@code /api/v1}). Remote actions are the exception: their permission depends on the action,
 * and is checked per device by the endpoint. Scopes are applied by the endpoints, in the store's
 * queries and per device; an id outside the caller's scope is answered 404 like an unknown one.
 */
final class GraphAccess {
    private GraphAccess() {
    }

    /** Empty for remote actions (checked by the endpoint); an unknown route needs MANAGE_ROLES. */
    static Optional<Permission> needed(String method, String template) {
        String t = template.toLowerCase(java.util.Locale.ROOT);
        String collection = ManagedDeviceEndpoints.COLLECTION.toLowerCase(java.util.Locale.ROOT);
        if (t.equals(collection + "/executeaction")) {
            return Optional.empty();
        }
        if (t.startsWith(collection)) {
            if (method.equals("GET")) {
                return Optional.of(Permission.READ_DEVICES);
            }
            if (method.equals("PATCH") || method.equals("DELETE") || t.endsWith("/setdevicename")) {
                return Optional.of(Permission.MANAGE_DEVICES);
            }
            return Optional.empty(); // POST …/{id}/remoteLock and the other actions
        }
        if (t.startsWith("/users") && method.equals("GET")) {
            return Optional.of(Permission.READ_DEVICES);
        }
        if (t.equals("/devicemanagement/remoteactionaudits")) {
            return Optional.of(Permission.READ_AUDIT);
        }
        return Optional.of(Permission.MANAGE_ROLES);
    }
}
