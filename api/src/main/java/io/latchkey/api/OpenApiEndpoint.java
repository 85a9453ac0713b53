package io.latchkey.api;

import io.javalin.config.RoutesConfig;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /openapi.json}: the hand-written OpenAPI 3.1 description of both admin APIs, the
 * native one under {@value AdminApi#BASE} and the Graph-compatible one under {@code /v1.0} and
 * {@code /beta}. Public, like the API reference it is; a test checks it against the routes.
 */
public final class OpenApiEndpoint {
    public static final String PATH = "/openapi.json";
    static final String RESOURCE = "/io/latchkey/api/openapi.json";

    private OpenApiEndpoint() {
    }

    /** The description as served. */
    public static byte[] document() {
        try (InputStream in = OpenApiEndpoint.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void register(RoutesConfig routes) {
        byte[] doc = document();
        routes.get(PATH, ctx -> ctx.contentType("application/json").result(doc));
    }
}
