package io.latchkey.api.graph;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;

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

    private GraphBodies() {
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
