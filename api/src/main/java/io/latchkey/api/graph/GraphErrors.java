package io.latchkey.api.graph;

import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.latchkey.api.graph.odata.FilterException;
import io.latchkey.core.Rejected;
import io.latchkey.core.secret.SecretException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes Graph's error body, {@code {"error": {"code", "message", "innerError": {"date",
 * "request-id", "client-request-id"}}}} (https://learn.microsoft.com/graph/errors), for every
 * failure on the Graph surface, and maps core refusals to Graph's statuses and codes. Nothing
 * unexpected reaches the client beyond "internal error": the stack trace goes to the log only.
 */
final class GraphErrors {
    private static final DateTimeFormatter GRAPH_DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");
    private static final Logger LOG = LoggerFactory.getLogger(GraphErrors.class);

    private GraphErrors() {
    }

    static void write(Context ctx, Throwable failure, String requestId, Clock clock) {
        GraphError e = translate(ctx, failure);
        if (e.status() == 413) {
            GraphBodies.drain(ctx);
        }
        if (e.retryAfterSeconds() > 0) {
            ctx.header("Retry-After", Long.toString(e.retryAfterSeconds()));
        }
        if (e.status() == 401) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"latchkey\"");
        }
        Map<String, Object> inner = new LinkedHashMap<>();
        // LocalDateTime.toString() drops ":00" seconds; Graph always writes them (2026-11-27T18:04:00).
        inner.put("date", GRAPH_DATE.format(LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC)));
        inner.put("request-id", requestId);
        inner.put("client-request-id", clientRequestId(ctx, requestId));
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", e.code());
        error.put("message", e.getMessage() == null ? e.code() : e.getMessage());
        error.put("innerError", inner);
        ctx.status(e.status()).json(Map.of("error", error));
    }

    /** The client's own id when it sent one (Graph echoes it), else the request id. */
    static String clientRequestId(Context ctx, String requestId) {
        String client = ctx.header("client-request-id");
        return client == null || client.isBlank() || client.length() > 200 ? requestId : client;
    }

    private static GraphError translate(Context ctx, Throwable failure) {
        return switch (failure) {
            case GraphError g -> g;
            case FilterException f -> GraphError.badRequest(f.getMessage());
            case Rejected r -> switch (r.kind()) {
                case INVALID -> GraphError.badRequest(r.getMessage());
                case NOT_FOUND -> GraphError.notFound(r.getMessage());
                case CONFLICT -> new GraphError(409, "conflict", r.getMessage());
                case GONE -> new GraphError(410, "itemNotFound", r.getMessage());
            };
            case IllegalArgumentException i -> GraphError.badRequest(i.getMessage());
            // Javalin's own refusal of a body over the request limit (ctx.body()).
            case HttpResponseException h when h.getStatus() == 413 -> GraphBodies.tooLarge(GraphBodies.maxBytes(ctx));
            case SecretException s -> {
                LOG.error("a sealed secret could not be opened (wrong secret key?): {}", s.getMessage());
                yield new GraphError(500, "generalException", "a secret could not be opened with this server's key");
            }
            default -> {
                LOG.error("unexpected error on {} {}", ctx.method(), ctx.path(), failure);
                yield new GraphError(500, "generalException", "internal error; the server log has the details");
            }
        };
    }
}
