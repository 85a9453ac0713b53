package io.latchkey.api;

import io.javalin.http.Context;
import io.latchkey.core.admin.Admin;
import io.latchkey.core.audit.Actor;

import java.util.UUID;
import java.util.function.Function;

/** Path and query parameters read with a clear 400 when malformed. */
public final class Params {
    private Params() {
    }

    public static UUID pathId(Context ctx, String name) {
        return uuid(ctx.pathParam(name), name);
    }

    public static UUID uuid(String raw, String what) {
        try {
            return UUID.fromString(raw.trim());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(what + " '" + raw + "' is not a UUID");
        }
    }

    /** A query parameter parsed by a core parser (whose message names the accepted values); null if absent. */
    public static <T> T query(Context ctx, String name, Function<String, T> parse) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return parse.apply(raw.trim());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("query parameter '" + name + "': " + e.getMessage());
        }
    }

    /** The administrator whose bearer token let this request in. */
    public static Admin admin(Context ctx) {
        Admin admin = ctx.attribute(BearerAuth.ADMIN_ATTRIBUTE);
        if (admin == null) {
            throw new IllegalStateException("no administrator on an authenticated route");
        }
        return admin;
    }

    /** Who is calling, for the audit log: the signed-in administrator and the client address. */
    public static Actor actor(Context ctx) {
        Admin admin = ctx.attribute(BearerAuth.ADMIN_ATTRIBUTE);
        if (admin == null) {
            throw new IllegalStateException("no administrator on an authenticated route");
        }
        return new Actor(admin.name(), ctx.ip());
    }
}
