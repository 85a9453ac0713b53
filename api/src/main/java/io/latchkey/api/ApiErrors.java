package io.latchkey.api;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.latchkey.core.Rejected;
import io.latchkey.core.secret.SecretException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps every failure to the API's one error shape and status. Nothing unexpected reaches the client
 * beyond "internal error": the stack trace goes to the log only.
 */
public final class ApiErrors {
    private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);

    private ApiErrors() {
    }

    public static void register(RoutesConfig routes) {
        routes.exception(BearerAuth.Unauthorized.class, (e, ctx) -> {
            ctx.header("WWW-Authenticate", e.challenge());
            write(ctx, e.status(), e.code(), e.getMessage());
        });
        routes.exception(ApiException.class, (e, ctx) -> write(ctx, e.status(), e.code(), e.getMessage()));
        routes.exception(Rejected.class, (e, ctx) -> {
            switch (e.kind()) {
                case INVALID -> write(ctx, 400, "invalid_request", e.getMessage());
                case NOT_FOUND -> write(ctx, 404, "not_found", e.getMessage());
                case CONFLICT -> write(ctx, 409, "conflict", e.getMessage());
                case GONE -> write(ctx, 410, "gone", e.getMessage());
            }
        });
        // Core parsers (Action.parse, Platform.parse…) say what they expected in their message.
        routes.exception(IllegalArgumentException.class,
                (e, ctx) -> write(ctx, 400, "invalid_request", e.getMessage()));
        routes.exception(HttpResponseException.class, (e, ctx) -> write(ctx, e.getStatus(),
                e.getStatus() == 404 ? "not_found" : "http_" + e.getStatus(), e.getMessage()));
        routes.exception(SecretException.class, (e, ctx) -> {
            LOG.error("a sealed secret could not be opened (wrong secret key?): {}", e.getMessage());
            write(ctx, 500, "secret_unreadable", "the secret could not be opened with this server's secret key");
        });
        routes.exception(Exception.class, (e, ctx) -> {
            LOG.error("unexpected error on {} {}", ctx.method(), ctx.path(), e);
            write(ctx, 500, "internal_error", "internal error; the server log has the details");
        });
        routes.error(404, ctx -> {
            if (ctx.resultInputStream() == null) {
                write(ctx, 404, "not_found", "no such endpoint: " + ctx.method() + " " + ctx.path());
            }
        });
    }

    private static void write(Context ctx, int status, String code, String message) {
        ctx.status(status).json(ErrorBody.of(code, message == null ? code : message));
    }
}
