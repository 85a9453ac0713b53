package io.latchkey.api.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latchkey.core.Rejected;
import io.latchkey.core.action.ActionSubmission;
import io.latchkey.core.action.Command;
import io.latchkey.core.action.CommandHistory;
import io.latchkey.core.action.CommandState;
import io.latchkey.core.action.RemoteActions;
import io.latchkey.core.action.Submitted;
import io.latchkey.core.capability.Action;
import io.latchkey.core.inventory.DeviceFilter;
import io.latchkey.core.inventory.Page;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Beta {@code POST deviceManagement/managedDevices/executeAction}
 * (https://learn.microsoft.com/graph/api/intune-devices-manageddevice-executeaction?view=graph-rest-beta):
 * one action for any number of devices as one Latchkey action request (one transaction, however
 * many devices; Intune's portal caps bulk actions at 100, Latchkey does not, product spec §3).
 * Besides Graph's bulk actions it accepts {@code remoteLock} and {@code resetPasscode}.
 */
final class BulkActionEndpoint {
    private static final int MAX_DEVICES = 100_000;
    private static final Map<String, Action> ACTIONS = Map.of("retire", Action.RETIRE, "wipe", Action.WIPE,
            "syncdevice", Action.SYNC, "remotelock", Action.REMOTE_LOCK, "resetpasscode", Action.PASSCODE_RESET,
            "enablelostmode", Action.ENABLE_LOST_MODE, "disablelostmode", Action.DISABLE_LOST_MODE);
    private static final Set<String> PARAMETERS = Set.of("actionName", "deviceIds", "keepEnrollmentData",
            "keepUserData", "persistEsimDataPlan", "useProtectedWipe", "notificationTitle", "notificationBody",
            "deviceName", "message", "phoneNumber", "footer");
    private static final Map<Action, Set<String>> OPTIONS = Map.of(
            Action.WIPE, Set.of("keepEnrollmentData", "keepUserData", "persistEsimDataPlan", "useProtectedWipe"),
            Action.ENABLE_LOST_MODE, Set.of("message", "phoneNumber", "footer"));

    private final RemoteActions actions;
    private final CommandHistory history;

    BulkActionEndpoint(RemoteActions actions, CommandHistory history) {
        this.actions = actions;
        this.history = history;
    }

    void register(GraphRouter router) {
        router.beta("POST", ManagedDeviceEndpoints.COLLECTION + "/executeAction", this::execute);
    }

    private void execute(GraphCall call) {
        ObjectNode body = GraphBodies.object(call.ctx());
        GraphBodies.only(body, "executeAction", PARAMETERS);
        String name = GraphBodies.text(body, "actionName");
        if (name == null) {
            throw GraphError.badRequest("executeAction needs 'actionName'");
        }
        Action action = ACTIONS.get(name.toLowerCase(java.util.Locale.ROOT));
        if (action == null) {
            throw GraphError.notSupported("bulk action '" + name + "' is not supported (supported: retire, wipe, "
                    + "syncDevice, remoteLock, resetPasscode, enableLostMode, disableLostMode)");
        }
        Set<String> takes = OPTIONS.getOrDefault(action, Set.of());
        for (String p : PARAMETERS) {
            if (!p.equals("actionName") && !p.equals("deviceIds") && !takes.contains(p) && body.hasNonNull(p)) {
                throw GraphError.badRequest("'" + p + "' does not apply to " + action.wireName());
            }
        }
        Map<String, String> options = DeviceActionEndpoints.options(body, takes);
        List<String> ids = deviceIds(body.get("deviceIds"));
        List<UUID> uuids = new ArrayList<>(ids.size());
        Set<String> notFound = new LinkedHashSet<>();
        for (String id : ids) {
            try {
                uuids.add(UUID.fromString(id.trim()));
            } catch (IllegalArgumentException e) {
                notFound.add(id); // not an id Latchkey could have issued
            }
        }
        List<String> successful = new ArrayList<>();
        List<String> notSupported = new ArrayList<>();
        if (!uuids.isEmpty()) {
            Submitted s;
            try {
                s = actions.submit(new ActionSubmission(action, DeviceFilter.ids(uuids), options, null, null),
                        call.actor());
            } catch (Rejected none) {
                if (none.kind() != Rejected.Kind.INVALID || !none.getMessage().startsWith("no device matches")) {
                    throw none;
                }
                s = null;
            }
            if (s == null) {
                uuids.forEach(u -> notFound.add(u.toString()));
            } else {
                Set<UUID> missing = new HashSet<>(s.notFoundIds());
                Set<UUID> refused = s.created() ? new HashSet<>(s.notSupportedIds()) : refused(s);
                for (UUID u : new LinkedHashSet<>(uuids)) {
                    if (missing.contains(u)) {
                        notFound.add(u.toString());
                    } else if (refused.contains(u)) {
                        notSupported.add(u.toString());
                    } else {
                        successful.add(u.toString());
                    }
                }
            }
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("@odata.type", "#microsoft.graph.bulkManagedDeviceActionResult");
        result.put("successfulDeviceIds", successful);
        result.put("failedDeviceIds", List.of());
        result.put("notFoundDeviceIds", List.copyOf(notFound));
        result.put("notSupportedDeviceIds", notSupported);
        // Graph's page shows the result wrapped in "value" (what scripts read: $r.value.successfulDeviceIds),
        // while the metadata returns the complex type itself, which is how the Kiota SDKs read it. Both
        // forms are given, so both kinds of client find the ids.
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("@odata.context", call.root() + "/$metadata#microsoft.graph.bulkManagedDeviceActionResult");
        out.putAll(result);
        out.put("value", result);
        GraphApi.ok(call, out);
    }

    /** The devices the matrix refused, read back (for a replayed request): only its notSupported commands. */
    private Set<UUID> refused(Submitted s) {
        Set<UUID> out = new HashSet<>();
        if (s.request().notSupported() == 0) {
            return out;
        }
        String cursor = null;
        do {
            Page<Command> page = history.ofRequest(s.request().id(), CommandState.NOT_SUPPORTED, cursor, 1000);
            page.items().forEach(c -> out.add(c.deviceId()));
            cursor = page.nextCursor();
        } while (cursor != null);
        return out;
    }

    private static List<String> deviceIds(JsonNode node) {
        if (node == null || node.isNull() || !node.isArray() || node.isEmpty()) {
            throw GraphError.badRequest("executeAction needs 'deviceIds', a non-empty array of device ids");
        }
        if (node.size() > MAX_DEVICES) {
            throw GraphError.badRequest("executeAction takes at most " + MAX_DEVICES + " device ids per call");
        }
        List<String> ids = new ArrayList<>(node.size());
        for (JsonNode n : node) {
            if (!n.isTextual()) {
                throw GraphError.badRequest("'deviceIds' must hold strings");
            }
            ids.add(n.asText());
        }
        return ids;
    }
}
