package io.latchkey.server.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.latchkey.api.ApiException;
import io.latchkey.api.inventory.JsonRows;
import io.latchkey.core.audit.Actor;
import io.latchkey.core.inventory.Csv;
import io.latchkey.core.inventory.ImportResult;
import io.latchkey.core.inventory.RowError;
import io.latchkey.server.App;
import io.latchkey.server.config.Settings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code latchkey import FILE}: users or devices from CSV (one section, {@code --section}) or JSON
 * ({@code {"users": [...], "devices": [...]}}, or an array with {@code --section}), straight into
 * the database. Prints every row error; nothing is stored unless every row is valid.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Import users or devices from a CSV or JSON file into the database (all rows or none).")
final class ImportCommand implements Callable<Integer> {
    enum Section { users, devices }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "a .csv or .json file")
    Path file;

    @CommandLine.Option(names = "--section", paramLabel = "users|devices",
            description = "which rows the file holds (required for CSV and for a JSON array)")
    Section section;

    @Override
    public Integer call() throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        List<Map<String, String>> users;
        List<Map<String, String>> devices;
        try {
            Rows rows = isJson(text) ? json(text) : csv(text);
            users = rows.users();
            devices = rows.devices();
        } catch (IllegalArgumentException | ApiException e) {
            err().println("latchkey: " + file + ": " + e.getMessage());
            return 1;
        }
        Settings settings = ConfigOptions.load(spec);
        try (App app = App.open(settings)) {
            String who = "cli:" + System.getProperty("user.name", "unknown");
            ImportResult result = app.importer().importRows(users, devices, new Actor(who, "cli"));
            if (!result.ok()) {
                err().println("latchkey: " + result.errors().size() + " row error(s) in " + file
                        + "; nothing was imported:");
                for (RowError e : result.errors()) {
                    err().println("  " + e.section() + " row " + e.row()
                            + (e.field() == null ? "" : ", " + e.field()) + ": " + e.message());
                }
                return 1;
            }
            out().println("imported " + result.users() + " user(s) and " + result.devices() + " device(s)");
            return 0;
        }
    }

    private record Rows(List<Map<String, String>> users, List<Map<String, String>> devices) {
    }

    private boolean isJson(String text) {
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (name.endsWith(".json")) {
            return true;
        }
        if (name.endsWith(".csv")) {
            return false;
        }
        String t = text.stripLeading();
        return t.startsWith("{") || t.startsWith("[");
    }

    private Rows csv(String text) throws IOException {
        if (section == null) {
            throw new IllegalArgumentException("a CSV file holds one section: say --section users or --section devices");
        }
        List<Map<String, String>> rows = Csv.read(new StringReader(text));
        return section == Section.users ? new Rows(rows, List.of()) : new Rows(List.of(), rows);
    }

    private Rows json(String text) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
        }
        if (root != null && root.isArray()) {
            if (section == null) {
                throw new IllegalArgumentException("a JSON array holds one section: say --section users or devices");
            }
            List<Map<String, String>> rows = JsonRows.read(root, section.name());
            return section == Section.users ? new Rows(rows, List.of()) : new Rows(List.of(), rows);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("expected {\"users\": [...], \"devices\": [...]} or an array");
        }
        List<Map<String, String>> users = section == Section.devices ? List.of() : JsonRows.read(root.get("users"), "users");
        List<Map<String, String>> devices = section == Section.users ? List.of() : JsonRows.read(root.get("devices"), "devices");
        return new Rows(users, devices);
    }

    private java.io.PrintWriter out() {
        return spec.commandLine().getOut();
    }

    private java.io.PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
