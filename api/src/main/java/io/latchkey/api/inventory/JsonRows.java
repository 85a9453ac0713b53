package io.latchkey.api.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import io.latchkey.api.ApiException;
import io.latchkey.api.Json;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Import rows from JSON: an array of flat objects, each value as text (booleans and numbers too),
 * so JSON and CSV imports go through the same row checks. Shared with the CLI's import command.
 */
public final class JsonRows {
    private JsonRows() {
    }

    public static List<Map<String, String>> read(JsonNode array, String section) {
        if (array == null || array.isNull()) {
            return List.of();
        }
        if (!array.isArray()) {
            throw ApiException.badRequest("'" + section + "' must be an array of objects");
        }
        List<Map<String, String>> rows = new ArrayList<>();
        int i = 0;
        for (JsonNode item : array) {
            i++;
            rows.add(Json.flatObject(item, section + " row " + i));
        }
        return rows;
    }
}
