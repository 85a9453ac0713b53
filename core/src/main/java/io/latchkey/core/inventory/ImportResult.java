package io.latchkey.core.inventory;

import java.util.List;

/** The outcome of an import: counts stored, or every row error (and then nothing was stored). */
public record ImportResult(int users, int devices, List<RowError> errors) {
    public ImportResult {
        errors = List.copyOf(errors);
    }

    public boolean ok() {
        return errors.isEmpty();
    }
}
