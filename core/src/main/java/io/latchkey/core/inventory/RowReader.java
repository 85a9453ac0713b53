package io.latchkey.core.inventory;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;

/**
 * Reads one import row by column name (case-insensitive), recording every problem as a
 * {@link RowError} instead of stopping at the first, so an administrator fixes a file in one go.
 */
final class RowReader {
    /** The storage's column sizes, so a long value is a row error here instead of a failed insert. */
    private static final Map<String, Integer> MAX_LENGTH = Map.of("name", 400, "externalId", 255,
            "userPrincipalName", 320, "enrollingUser", 320, "currentUser", 320, "displayName", 400,
            "osVersion", 64, "model", 200, "serialNumber", 200);
    private final String section;
    private final int row;
    private final Map<String, String> values = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final List<RowError> errors;
    private boolean failed;

    RowReader(String section, int row, Map<String, String> raw, List<RowError> errors) {
        this.section = section;
        this.row = row;
        this.errors = errors;
        raw.forEach((k, v) -> values.put(k.trim(), v == null ? null : v.trim()));
    }

    boolean failed() {
        return failed;
    }

    void error(String field, String message) {
        failed = true;
        errors.add(new RowError(section, row, field, message));
    }

    /** The column's value, or null when the column is absent or empty. */
    String optional(String name) {
        String v = values.get(name);
        if (v == null || v.isEmpty()) {
            return null;
        }
        if (v.indexOf('\u0000') >= 0) {
            error(name, name + " contains a NUL character");
            return null;
        }
        int max = MAX_LENGTH.getOrDefault(name, 1000);
        if (v.length() > max) {
            error(name, name + " is " + v.length() + " characters long; at most " + max + " are allowed");
            return null;
        }
        return v;
    }

    String required(String name) {
        int before = errors.size();
        String v = optional(name);
        if (v == null && errors.size() == before) {
            error(name, name + " is required");
        }
        return v;
    }

    UUID uuid(String name) {
        return parse(name, UUID::fromString, "is not a UUID");
    }

    Instant instant(String name) {
        return parse(name, Instant::parse, "is not an ISO-8601 instant such as 2026-11-26T09:30:00Z");
    }

    /** True, false, or null when the column is absent or empty. */
    Boolean bool(String name) {
        String v = optional(name);
        if (v == null) {
            return null;
        }
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> {
                error(name, "'" + v + "' is not true or false");
                yield null;
            }
        };
    }

    <T> T parse(String name, Function<String, T> parser, String problem) {
        String v = optional(name);
        if (v == null) {
            return null;
        }
        try {
            return parser.apply(v);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            error(name, "'" + v + "' " + problem);
            return null;
        }
    }

    /** Enum-like values whose parser explains itself in its exception message. */
    <T> T parseExplained(String name, Function<String, T> parser, boolean required) {
        String v = required ? required(name) : optional(name);
        if (v == null) {
            return null;
        }
        try {
            return parser.apply(v);
        } catch (IllegalArgumentException e) {
            error(name, e.getMessage());
            return null;
        }
    }

    void rejectUnknown(Set<String> known) {
        for (String k : values.keySet()) {
            if (known.stream().noneMatch(n -> n.equalsIgnoreCase(k))) {
                error(k, "unknown column '" + k + "' (known: " + String.join(", ", new java.util.TreeSet<>(known)) + ")");
            }
        }
    }
}
