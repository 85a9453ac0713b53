package io.latchkey.api.graph;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latchkey.core.access.Permission;
import io.latchkey.core.action.ActionSubmission;
import io.latchkey.core.action.Command;
import io.latchkey.core.action.CommandHistory;
import io.latchkey.core.action.CommandState;
import io.latchkey.core.action.RemoteActions;
import io.latchkey.core.action.Submitted;
import io.latchkey.core.capability.Action;
import io.latchkey.core.inventory.Device;
import io.latchkey.core.inventory.DeviceFilter;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The per-device remote actions, {@code POST …/managedDevices/{id}/remoteLock} and the like
 * (https://learn.microsoft.com/graph/api/intune-devices-manageddevice-remotelock): each goes
 * through {@link RemoteActions#submit}, exactly as the native API's submissions do, and answers
 * {@code 204} once the request and its command are stored. When the capability matrix refuses
 * the action for the device the refusal is stored all the same (history, audit, a
 * {@code notSupported} action result) and the answer is {@code 400 notSupported} with the
 * matrix's reason.
 */
final class DeviceActionEndpoints {
    /** The body parameters of each action (Graph's names; useProtectedWipe exists in beta only). */
    private static final Map<Action, Set<String>> PARAMETERS = Map.of(
            Action.REMOTE_LOCK, Set.of(),
            Action.PASSCODE_RESET, Set.of(),
            Action.RETIRE, Set.of(),
            Action.WIPE, Set.of("keepEnrollmentData", "keepUserData", "macOsUnlockCode", "persistEsimDataPlan"),
            Action.SYNC, Set.of(),
            Action.ENABLE_LOST_MODE, Set.of("message", "phoneNumber", "footer"),
            Action.DISABLE_LOST_MODE, Set.of());
    private static final Set<String> BOOLEANS = Set.of("keepEnrollmentData", "keepUserData", "persistEsimDataPlan",
            "useProtectedWipe");

    private final ApprovalGate actions;
    private final CommandHistory history;
    private final ManagedDeviceEndpoints devices;

    DeviceActionEndpoints(ApprovalGate actions, CommandHistory history, ManagedDeviceEndpoints devices) {
        this.actions = actions;
        this.history = history;
        this.devices = devices;
    }

    void register(GraphRouter router) {
        String item = ManagedDeviceEndpoints.COLLECTION + "/{managedDevice-id}/";
        for (Action a : List.of(Action.REMOTE_LOCK, Action.PASSCODE_RESET, Action.RETIRE, Action.WIPE, Action.SYNC,
                Action.DISABLE_LOST_MODE)) {
            router.add("POST", item + a.wireName(), call -> act(call, a));
        }
        router.beta("POST", item + Action.ENABLE_LOST_MODE.wireName(), call -> act(call, Action.ENABLE_LOST_MODE));
    }

    private void act(GraphCall call, Action action) {
        call.require(Permission.forAction(action));
        Device device = devices.device(call, Permission.forAction(action));
        ObjectNode body = GraphBodies.object(call.ctx());
        Set<String> allowed = new java.util.HashSet<>(PARAMETERS.get(action));
        if (action == Action.WIPE && call.beta()) {
            allowed.add("useProtectedWipe");
        }
        GraphBodies.only(body, action.wireName(), allowed);
        Map<String, String> options = options(body, allowed);
        Submitted s = actions.submit(call, new ActionSubmission(action, DeviceFilter.ids(List.of(device.id())),
                options, null, null));
        if (s.request().notSupported() > 0) {
            List<Command> refused = history.ofRequest(s.request().id(), CommandState.NOT_SUPPORTED, null, 1).items();
            throw GraphError.notSupported(refused.isEmpty() ? action.displayName() + " is not supported on this device"
                    : refused.getFirst().detail());
        }
        call.ctx().status(204);
    }

    /**
     * The body's parameters as the core's options. A null value means "not given" (the SDKs
     * leave unset parameters out, scripts sometimes send null).
     */
    static Map<String, String> options(ObjectNode body, Set<String> allowed) {
        Map<String, String> options = new HashMap<>();
        for (String name : allowed) {
            String value = BOOLEANS.contains(name) ? GraphBodies.bool(body, name) : GraphBodies.text(body, name);
            if (value != null && !(name.equals("macOsUnlockCode") && value.isEmpty())) {
                options.put(name, value);
            }
        }
        return options;
    }
}
