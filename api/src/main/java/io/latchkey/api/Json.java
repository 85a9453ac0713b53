package io.latchkey.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.javalin.http.Context;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * JSON in and out. Request bodies are read as trees and checked field by field, so a client gets
 * "field 'ttlSeconds' must be a number" rather than a Jackson exception text.
 */
public final class Json {
    private Json() {
    }

    /** The mapper the server hands to Javalin: ISO-8601 instants, no failure on empty beans. */
    public static ObjectMapper mapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    }

    private static final ObjectMapper READER = mapper();

    /** The request body as a JSON object, or a 400 that says what is wrong with it. */
    public static ObjectNode objectBody(Context ctx) {
        String body = ctx.body();
        if (body == null || body.isBlank()) {
            throw ApiException.badRequest("a JSON request body is required");
        }
        JsonNode node;
        try {
            node = READER.readTree(body);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
            throw new ApiException(400, "malformed_json", "the request body is not valid JSON" + where + ": "
                    + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw ApiException.badRequest("the request body must be a JSON object");
        }
        return (ObjectNode) node;
    }

    /** Refuses fields the endpoint does not know, so a typo is not silently ignored. */
    public static void onlyFields(ObjectNode node, String where, Set<String> allowed) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!allowed.contains(name)) {
                throw ApiException.badRequest("unknown field '" + name + "' in " + where + " (allowed: "
                        + String.join(", ", new java.util.TreeSet<>(allowed)) + ")");
            }
        }
    }

    /** A text field, null when absent or JSON null. */
    public static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw ApiException.badRequest("field '" + field + "' must be a string");
        }
        return v.asText();
    }

    /** A whole-number field, null when absent. */
    public static Long number(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw ApiException.badRequest("field '" + field + "' must be a whole number");
        }
        return v.asLong();
    }

    /** An array of strings, null when absent. */
    public static List<String> texts(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isArray()) {
            throw ApiException.badRequest("field '" + field + "' must be an array of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : v) {
            if (!item.isTextual()) {
                throw ApiException.badRequest("field '" + field + "' must be an array of strings");
            }
            out.add(item.asText());
        }
        return out;
    }

    /**
     * A flat object whose values are strings, booleans or numbers, as text (options, import rows);
     * null when absent. Nested values are refused: no option or column takes one.
     */
    public static Map<String, String> flatObject(JsonNode v, String where) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isObject()) {
            throw ApiException.badRequest(where + " must be a JSON object");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode value = e.getValue();
            if (value.isContainerNode()) {
                throw ApiException.badRequest("'" + e.getKey() + "' in " + where
                        + " must be a string, number or boolean");
            }
            out.put(e.getKey(), value.isNull() ? null : value.asText());
        }
        return out;
    }
}
