package io.latchkey.api.graph;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.servlet.MaxRequestSize;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads Graph request bodies the way real scripts send them: Microsoft's own PowerShell samples
 * post {@code { deviceName:"NEW" }} and {@code { ownerType:"company" }} (unquoted keys) and post
 * actions with no body at all, so both are accepted. Unknown parameters are refused, as Graph
 * refuses them, rather than ignored.
 */
final class GraphBodies {
    private static final JsonMapper LENIENT = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES)
            .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
            .build();

    /** Beyond this an oversized body is not read to its end; the connection is closed instead. */
    private static final long MAX_DRAIN_BYTES = 64L * 1024 * 1024;

    private GraphBodies() {
    }

    /**
     * The body as a stream that refuses, with a 413, to yield more than the server's request
     * limit (the one Javalin applies to {@code ctx.body()}; {@code http.max.request.mb}), whether
     * the client declared its length or sent it in chunks.
     */
    static InputStream limited(Context ctx) throws IOException {
        long max = maxBytes(ctx);
        if (ctx.req().getContentLengthLong() > max) {
            throw tooLarge(max);
        }
        return new FilterInputStream(ctx.req().getInputStream()) {
            private long count;

            @Override
            public int read() throws IOException {
                int b = super.read();
                count(b < 0 ? 0 : 1);
                return b;
            }

            @Override
            public int read(byte[] buf, int off, int len) throws IOException {
                int n = super.read(buf, off, len);
                count(Math.max(n, 0));
                return n;
            }

            private void count(int n) {
                count += n;
                if (count > max) {
                    throw tooLarge(max);
                }
            }
        };
    }

    static long maxBytes(Context ctx) {
        Long max = ctx.appData(MaxRequestSize.INSTANCE.getMaxRequestSizeKey());
        return max == null ? Long.MAX_VALUE : max;
    }

    static GraphError tooLarge(long max) {
        return new GraphError(413, "invalidRequest", "the request body is larger than this server accepts ("
                + max + " bytes; the server's http.max.request.mb setting)");
    }

    /**
     * Reads and drops what is left of a refused body (up to 64 MB), so that the client, still
     * sending, reads the 413 rather than a reset connection; beyond that Jetty closes it.
     */
    static void drain(Context ctx) {
        try {
            InputStream in = ctx.req().getInputStream();
            byte[] sink = new byte[64 * 1024];
            long drained = 0;
            int n;
            while (drained < MAX_DRAIN_BYTES && (n = in.read(sink)) >= 0) {
                drained += n;
            }
        } catch (IOException | RuntimeException e) {
            // The connection is going away: nothing more to answer.
        }
    }

    /** The body as an object; an absent or blank body is an empty object. */
    static ObjectNode object(Context ctx) {
        String body = ctx.body();
        if (body == null || body.isBlank()) {
            return LENIENT.createObjectNode();
        }
        JsonNode node;
        try {
            node = LENIENT.readTree(body);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
            throw GraphError.badRequest("the request body is not valid JSON" + where + ": " + e.getOriginalMessage());
        }
        if (node == null || node.isNull()) {
            return LENIENT.createObjectNode();
        }
        if (!node.isObject()) {
            throw GraphError.badRequest("the request body must be a JSON object");
        }
        return (ObjectNode) node;
    }

    /** Refuses parameters the operation does not take; OData annotations ({@code @odata.type}) pass. */
    static void only(ObjectNode body, String operation, Set<String> allowed) {
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!allowed.contains(name) && !name.startsWith("@")) {
                throw GraphError.badRequest("'" + name + "' is not a parameter of " + operation
                        + (allowed.isEmpty() ? " (it takes none)" : " (it takes " + String.join(", ",
                        new TreeSet<>(allowed)) + ")"));
            }
        }
    }

    /** A boolean parameter as text for the core's options ("true"/"false"), null when absent or null. */
    static String bool(ObjectNode body, String name) {
        JsonNode v = body.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isBoolean()) {
            return Boolean.toString(v.booleanValue());
        }
        if (v.isTextual() && (v.asText().equalsIgnoreCase("true") || v.asText().equalsIgnoreCase("false"))) {
            return v.asText().toLowerCase(java.util.Locale.ROOT);
        }
        throw GraphError.badRequest("'" + name + "' must be true or false");
    }

    /** A string parameter, null when absent or null. */
    static String text(ObjectNode body, String name) {
        JsonNode v = body.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw GraphError.badRequest("'" + name + "' must be a string");
        }
        return v.asText();
    }
}
