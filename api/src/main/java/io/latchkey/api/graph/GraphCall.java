package io.latchkey.api.graph;

import io.javalin.http.Context;
import io.latchkey.core.admin.Admin;
import io.latchkey.core.audit.Actor;

import java.util.List;

/**
 * One authenticated Graph request as the endpoints see it: the Javalin context, the API version,
 * the path parameters the router matched ({@code {id}} segments, in order), who calls and the
 * request id that the response and any error carry.
 */
record GraphCall(Context ctx, GraphVersion version, List<String> params, Admin admin, String requestId) {

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
