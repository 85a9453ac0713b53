package io.latchkey.console.i18n;

import io.latchkey.core.capability.Action;
import io.latchkey.core.capability.CapabilityMatrix;
import io.latchkey.core.capability.Cell;
import io.latchkey.core.capability.MatrixRow;

import java.util.HashMap;
import java.util.Map;

/**
 * Names each fixed reason of the capability matrix ({@code ROW.action}), so the bundle
 * {@code reasons_<lang>.properties} can translate it without the matrix knowing any language
 * but English. Built from the matrix itself: a reason reworded there simply falls back to English.
 */
final class Reasons {
    private static final Map<String, String> KEYS = build();

    private Reasons() {
    }

    static String keyOf(String english) {
        return KEYS.get(english);
    }

    private static Map<String, String> build() {
        Map<String, String> keys = new HashMap<>();
        for (MatrixRow row : CapabilityMatrix.rows()) {
            for (Action action : Action.values()) {
                Cell cell = CapabilityMatrix.cell(row, action);
                String reason = switch (cell) {
                    case Cell.No no -> no.reason();
                    case Cell.When when -> when.reasonIfNot();
                    default -> null;
                };
                if (reason != null) {
                    keys.putIfAbsent(reason, row.name() + "." + action.wireName());
                }
            }
        }
        return Map.copyOf(keys);
    }
}
