package io.latchkey.api.graph;

import io.latchkey.core.Rejected;
import io.latchkey.core.action.Command;
import io.latchkey.core.action.CommandHistory;
import io.latchkey.core.action.CommandState;
import io.latchkey.core.action.RemoteActions;
import io.latchkey.core.capability.Action;
import io.latchkey.core.inventory.Page;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A device's {@code deviceActionResults}: the latest command of each action, with Graph's
 * {@code actionState}. A passcode reset is typed {@code #microsoft.graph.resetPasscodeActionResult}
 * (the SDKs build their typed result only from that exact discriminator) and a lock
 * {@code #microsoft.graph.remoteLockActionResult}; their {@code passcode} / {@code unlockPin} are
 * opened through {@link RemoteActions#reveal} (audited) and only for a caller the
 * {@link RevealPolicy} allows, and only on a single device's GET.
 */
final class ActionResults {
    /** A device's recent history is short; older commands of the same action are superseded anyway. */
    private static final int HISTORY = 200;

    private final CommandHistory history;
    private final RemoteActions actions;

    ActionResults(CommandHistory history, RemoteActions actions) {
        this.history = history;
        this.actions = actions;
    }

    List<Map<String, Object>> of(UUID deviceId, GraphCall call, boolean reveal) {
        Page<Command> page = history.ofDevice(deviceId, null, HISTORY);
        Set<Action> seen = EnumSet.noneOf(Action.class);
        List<Map<String, Object>> out = new ArrayList<>();
        for (Command c : page.items()) {
            if (!seen.add(c.action())) {
                continue;
            }
            Map<String, Object> r = new LinkedHashMap<>();
            String secretField = switch (c.action()) {
                case PASSCODE_RESET -> {
                    r.put("@odata.type", "#microsoft.graph.resetPasscodeActionResult");
                    yield "passcode";
                }
                case REMOTE_LOCK -> {
                    r.put("@odata.type", "#microsoft.graph.remoteLockActionResult");
                    yield "unlockPin";
                }
                default -> {
                    r.put("@odata.type", "#microsoft.graph.deviceActionResult");
                    yield null;
                }
            };
            r.put("actionName", c.action().wireName());
            r.put("actionState", GraphNames.actionState(c.state()));
            r.put("startDateTime", c.createdAt().toString());
            r.put("lastUpdatedDateTime", (c.updatedAt() == null ? c.createdAt() : c.updatedAt()).toString());
            if (secretField != null) {
                r.put(secretField, reveal && c.state() == CommandState.SUCCEEDED ? secret(c, call) : null);
            }
            out.add(r);
        }
        return out;
    }

    /** The secret, or null when the command has none (an iPhone's passcode is cleared, not replaced) or it expired. */
    private String secret(Command c, GraphCall call) {
        try {
            return actions.reveal(c.id(), call.actor()).value();
        } catch (Rejected gone) {
            if (gone.kind() == Rejected.Kind.GONE) {
                return null;
            }
            throw gone;
        }
    }
}
