package io.latchkey.core.inventory;

/** One problem in an import: which section ("users" or "devices"), which row (1-based), which field. */
public record RowError(String section, int row, String field, String message) {
}
