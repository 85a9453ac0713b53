package io.latchkey.api.graph;

import io.javalin.http.Context;
import io.latchkey.core.access.DeviceScopes;
import io.latchkey.core.access.Grants;
import io.latchkey.core.access.Permission;
import io.latchkey.core.admin.Admin;
import io.latchkey.core.audit.Actor;

import java.util.List;

/**
 * One authenticated Graph request as the endpoints see it: the Javalin context, the API version,
 * the path parameters the router matched ({@code {id}} segments, in order), who calls and the
 * request id that the response and any error carry.
 */
record GraphCall(Context ctx, GraphVersion version, List<String> params, Admin admin, String requestId,
                 Grants grants, DeviceScopes scopes) {

    /** 403 in Graph's shape unless some role of the caller grants the permission somewhere. */
    void require(Permission permission) {
        if (!grants.permits(permission)) {
            throw GraphError.forbidden("your role does not permit "
                    + permission.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
        }
    }

    /** Whether the permission applies to this existing device (its scope holds it). */
    boolean covers(Permission permission, java.util.UUID deviceId) {
        if (grants.everywhere(permission)) {
            return true;
        }
        return scopes != null && scopes.covers(grants, permission, deviceId);
    }

    /** Whether a user is visible: a scoped reader sees the users who enrolled a device in scope. */
    boolean seesUser(java.util.UUID userId) {
        if (grants.everywhere(Permission.READ_DEVICES)) {
            return true;
        }
        return scopes != null && scopes.seesUser(grants, userId);
    }

    Actor actor() {
        return new Actor(admin.name(), ctx.ip());
    }

    String param(int i) {
        return params.get(i);
    }

    boolean beta() {
        return version == GraphVersion.BETA;
    }

    /** The absolute URL of the version root, e.g. {@code https://mdm.example.com/beta}, for links. */
    String root() {
        return origin(ctx) + ctx.contextPath() + "/" + version.segment();
    }

    static String origin(Context ctx) {
        String host = ctx.header("Host");
        if (host == null || host.isBlank()) {
            host = ctx.host();
        }
        return ctx.scheme() + "://" + host;
    }
}
