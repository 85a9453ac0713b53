package io.latchkey.api.inventory;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.latchkey.api.ApiException;
import io.latchkey.api.ErrorBody;
import io.latchkey.api.Json;
import io.latchkey.api.Params;
import io.latchkey.core.inventory.Csv;
import io.latchkey.core.inventory.ImportResult;
import io.latchkey.core.inventory.InventoryImporter;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /import}: users and devices as JSON ({@code {"users": [...], "devices": [...]}}) or one
 * section as CSV ({@code text/csv}, {@code ?section=users|devices}). All rows are checked; any error
 * answers 422 with every row error and nothing is stored.
 */
public final class ImportEndpoint {
    private final InventoryImporter importer;

    public ImportEndpoint(InventoryImporter importer) {
        this.importer = importer;
    }

    public record Counts(int users, int devices) {
    }

    public void register(RoutesConfig routes, String base) {
        routes.post(base + "/import", this::handle);
    }

    private void handle(Context ctx) {
        String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(java.util.Locale.ROOT);
        List<Map<String, String>> users;
        List<Map<String, String>> devices;
        if (type.startsWith("text/csv")) {
            List<Map<String, String>> rows = csv(ctx.body());
            String section = ctx.queryParam("section");
            if ("users".equals(section)) {
                users = rows;
                devices = List.of();
            } else if ("devices".equals(section)) {
                users = List.of();
                devices = rows;
            } else {
                throw ApiException.badRequest("a CSV import needs ?section=users or ?section=devices");
            }
        } else {
            ObjectNode body = Json.objectBody(ctx);
            Json.onlyFields(body, "the import", Set.of("users", "devices"));
            users = JsonRows.read(body.get("users"), "users");
            devices = JsonRows.read(body.get("devices"), "devices");
        }
        ImportResult result = importer.importRows(users, devices, Params.actor(ctx));
        if (!result.ok()) {
            ctx.status(422).json(ErrorBody.of("import_rejected", result.errors().size()
                    + " row error(s); nothing was imported", result.errors()));
            return;
        }
        ctx.json(new Counts(result.users(), result.devices()));
    }

    private static List<Map<String, String>> csv(String body) {
        try {
            return Csv.read(new StringReader(body == null ? "" : body));
        } catch (IOException e) {
            throw ApiException.badRequest("the CSV body could not be read: " + e.getMessage());
        }
    }
}
