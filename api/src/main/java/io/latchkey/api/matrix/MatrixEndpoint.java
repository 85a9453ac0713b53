package io.latchkey.api.matrix;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.latchkey.core.capability.Action;
import io.latchkey.core.capability.CapabilityMatrix;
import io.latchkey.core.capability.Cell;
import io.latchkey.core.capability.MatrixRow;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /matrix}: the capability matrix as data, rows × actions, read from the one table in
 * the core so the API can never disagree with the decision function.
 */
public final class MatrixEndpoint {

    public record ActionView(String id, String name) {
    }

    /** {@code text} is the method (yes), the reason (no), or the condition and both outcomes (conditional). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CellView(String kind, String text, String condition, String method, String reasonIfNot,
                           String secret) {
    }

    public record RowView(String id, String label, Map<String, CellView> cells) {
    }

    public record MatrixView(List<ActionView> actions, List<RowView> rows) {
    }

    public void register(RoutesConfig routes, String base) {
        routes.get(base + "/matrix", this::get);
    }

    private void get(Context ctx) {
        ctx.json(view());
    }

    public static MatrixView view() {
        List<ActionView> actions = Arrays.stream(Action.values())
                .map(a -> new ActionView(a.wireName(), a.displayName())).toList();
        List<RowView> rows = CapabilityMatrix.rows().stream().map(MatrixEndpoint::row).toList();
        return new MatrixView(actions, rows);
    }

    private static RowView row(MatrixRow row) {
        Map<String, CellView> cells = new LinkedHashMap<>();
        for (Action a : Action.values()) {
            cells.put(a.wireName(), cell(CapabilityMatrix.cell(row, a)));
        }
        return new RowView(row.name(), row.label(), cells);
    }

    static CellView cell(Cell cell) {
        return switch (cell) {
            case Cell.Yes y -> new CellView(y.kind(), y.method(), null, y.method(), null, y.secret().name());
            case Cell.No n -> new CellView(n.kind(), n.reason(), null, null, n.reason(), null);
            case Cell.When w -> new CellView(w.kind(), "only if " + w.condition() + ": " + w.method(),
                    w.condition(), w.method(), w.reasonIfNot(), w.secret().name());
            case Cell.Either e -> new CellView(e.kind(), e.condition() + ": " + e.methodIfTrue() + "; "
                    + e.conditionIfFalse() + ": " + e.methodIfFalse(), e.condition(), e.methodIfTrue(), null,
                    "NONE");
        };
    }
}
