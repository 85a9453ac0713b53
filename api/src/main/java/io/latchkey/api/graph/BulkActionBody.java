package io.latchkey.api.graph;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The body of {@code executeAction}, read as a stream: a million device ids are about 40 MB of
 * JSON, so the ids go straight from the parser into one list of {@link UUID}s (no body string, no
 * tree of a million text nodes, no list of strings in between). The other parameters are few and
 * small and are kept as a tree, read with the same leniency as {@link GraphBodies} (unquoted keys,
 * single quotes).
 *
 * @param params    every parameter except {@code deviceIds}
 * @param ids       the well-formed ids, in the order given, repeats included
 * @param malformed the entries that are not ids Latchkey could have issued (answered as not found)
 * @param hasIds    whether {@code deviceIds} was given as an array at all
 */
record BulkActionBody(ObjectNode params, List<UUID> ids, List<String> malformed, boolean hasIds) {
    private static final JsonMapper LENIENT = JsonMapper.builder(JsonFactory.builder()
                    .enable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES)
                    .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
                    .build())
            .build();

    /** Reads the body; an empty body has no parameters and no ids. */
    static BulkActionBody read(InputStream in) {
        try (JsonParser p = LENIENT.createParser(in)) {
            JsonToken first = p.nextToken();
            ObjectNode params = LENIENT.createObjectNode();
            if (first == null || first == JsonToken.VALUE_NULL) {
                return new BulkActionBody(params, List.of(), List.of(), false);
            }
            if (first != JsonToken.START_OBJECT) {
                throw GraphError.badRequest("the request body must be a JSON object");
            }
            List<UUID> ids = new ArrayList<>();
            List<String> malformed = new ArrayList<>();
            boolean hasIds = false;
            for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (name.equals("deviceIds") && value == JsonToken.START_ARRAY) {
                    hasIds = true;
                    readIds(p, ids, malformed);
                } else if (name.equals("deviceIds") && value != JsonToken.VALUE_NULL) {
                    throw GraphError.badRequest("'deviceIds' must be an array of device ids");
                } else if (!name.equals("deviceIds")) {
                    params.set(name, LENIENT.readTree(p));
                }
            }
            return new BulkActionBody(params, ids, malformed, hasIds);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
            throw GraphError.badRequest("the request body is not valid JSON" + where + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw GraphError.badRequest("the request body could not be read: " + e.getMessage());
        }
    }

    private static void readIds(JsonParser p, List<UUID> ids, List<String> malformed) throws IOException {
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            if (t != JsonToken.VALUE_STRING) {
                throw GraphError.badRequest("'deviceIds' must hold strings");
            }
            String text = p.getText();
            UUID id = parse(text);
            if (id == null) {
                malformed.add(text);
            } else {
                ids.add(id);
            }
        }
    }

    /**
     * The canonical 36-character form only, surrounding blanks allowed: {@link UUID#fromString}
     * also takes short forms like {@code 1-2-3-4-5}, which no Latchkey id ever has.
     */
    static UUID parse(String text) {
        String s = text.strip();
        if (s.length() != 36 || s.charAt(8) != '-' || s.charAt(13) != '-' || s.charAt(18) != '-'
                || s.charAt(23) != '-') {
            return null;
        }
        try {
            return UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
