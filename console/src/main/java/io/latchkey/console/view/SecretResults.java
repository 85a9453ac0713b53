package io.latchkey.console.view;

import io.latchkey.core.action.Command;
import io.latchkey.core.action.CommandState;
import io.latchkey.core.capability.Action;
import io.latchkey.core.capability.CapabilityMatrix;
import io.latchkey.core.capability.Cell;
import io.latchkey.core.capability.MatrixRow;
import io.latchkey.core.capability.SecretKind;

import java.util.HashSet;
import java.util.Set;

/**
 * Whether a succeeded command has a secret result to show (a Mac's lock PIN, a temporary
 * passcode, a new PIN): its detail names the secret's kind or a matrix method that yields one.
 * The "Show" button only offers the reveal; the core's audited reveal is what decides.
 */
public final class SecretResults {
    private static final Set<String> MARKERS = build();

    private SecretResults() {
    }

    public static boolean offered(Command c) {
        return c.state() == CommandState.SUCCEEDED && c.detail() != null && MARKERS.contains(c.detail());
    }

    private static Set<String> build() {
        Set<String> markers = new HashSet<>();
        for (SecretKind k : SecretKind.values()) {
            if (k != SecretKind.NONE) {
                markers.add(k.name());
            }
        }
        for (MatrixRow row : CapabilityMatrix.rows()) {
            for (Action a : Action.values()) {
                switch (CapabilityMatrix.cell(row, a)) {
                    case Cell.Yes y when y.secret() != SecretKind.NONE -> markers.add(y.method());
                    case Cell.When w when w.secret() != SecretKind.NONE -> markers.add(w.method());
                    default -> { }
                }
            }
        }
        return Set.copyOf(markers);
    }
}
