package io.latchkey.api.graph;

/**
 * A request the Graph surface refuses, answered with Graph's error body
 * (https://learn.microsoft.com/graph/errors): {@code code} is one of Graph's error codes
 * ({@code invalidRequest}, {@code itemNotFound}, {@code notSupported}, …). The message goes to
 * the client as is, so it names the problem and never carries secret material.
 */
public final class GraphError extends RuntimeException {
    private final int status;
    private final String code;
    private final long retryAfterSeconds;

    public GraphError(int status, String code, String message) {
        this(status, code, message, 0);
    }

    private GraphError(int status, String code, String message, long retryAfterSeconds) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static GraphError badRequest(String message) {
        return new GraphError(400, "invalidRequest", message);
    }

    public static GraphError notSupported(String message) {
        return new GraphError(400, "notSupported", message);
    }

    public static GraphError notFound(String message) {
        return new GraphError(404, "itemNotFound", message);
    }

    /** 403: the caller's roles do not permit this (Graph's {@code Forbidden}). */
    public static GraphError forbidden(String message) {
        return new GraphError(403, "Forbidden", message);
    }

    /** 429 with {@code Retry-After}, as Graph throttles (https://learn.microsoft.com/graph/throttling). */
    public static GraphError throttled(long retryAfterSeconds) {
        return new GraphError(429, "activityLimitReached", "too many requests for this API token; retry after "
                + retryAfterSeconds + " s", retryAfterSeconds);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** Seconds for the {@code Retry-After} header; 0 when none applies. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
