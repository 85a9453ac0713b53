package io.latchkey.api.graph;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latchkey.core.Rejected;
import io.latchkey.core.action.ActionSubmission;
import io.latchkey.core.action.Command;
import io.latchkey.core.action.CommandHistory;
import io.latchkey.core.action.CommandState;
import io.latchkey.core.action.Submitted;
import io.latchkey.core.capability.Action;
import io.latchkey.core.inventory.DeviceFilter;
import io.latchkey.core.inventory.Page;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Beta {@code POST deviceManagement/managedDevices/executeAction}
 * (https://learn.microsoft.com/graph/api/intune-devices-manageddevice-executeaction?view=graph-rest-beta):
 * one action for any number of devices as one Latchkey action request (one transaction, however
 * many devices; Intune's portal caps bulk actions at 100, Latchkey does not, product spec §3). The
 * only bound is the server's request size limit (a million ids are about 40 MB of JSON).
 * Besides Graph's bulk actions it accepts {@code remoteLock} and {@code resetPasscode}.
 */
final class BulkActionEndpoint {
    private static final JsonFactory JSON = new JsonFactory();
    private static final Map<String, Action> ACTIONS = Map.of("retire", Action.RETIRE, "wipe", Action.WIPE,
            "syncdevice", Action.SYNC, "remotelock", Action.REMOTE_LOCK, "resetpasscode", Action.PASSCODE_RESET,
            "enablelostmode", Action.ENABLE_LOST_MODE, "disablelostmode", Action.DISABLE_LOST_MODE);
    private static final Set<String> PARAMETERS = Set.of("actionName", "deviceIds", "keepEnrollmentData",
            "keepUserData", "persistEsimDataPlan", "useProtectedWipe", "notificationTitle", "notificationBody",
            "deviceName", "message", "phoneNumber", "footer");
    private static final Map<Action, Set<String>> OPTIONS = Map.of(
            Action.WIPE, Set.of("keepEnrollmentData", "keepUserData", "persistEsimDataPlan", "useProtectedWipe"),
            Action.ENABLE_LOST_MODE, Set.of("message", "phoneNumber", "footer"));

    private final ApprovalGate actions;
    private final CommandHistory history;

    BulkActionEndpoint(ApprovalGate actions, CommandHistory history) {
        this.actions = actions;
        this.history = history;
    }

    void register(GraphRouter router) {
        router.beta("POST", ManagedDeviceEndpoints.COLLECTION + "/executeAction", this::execute);
    }

    private void execute(GraphCall call) throws IOException {
        BulkActionBody body;
        try (InputStream in = GraphBodies.limited(call.ctx())) {
            body = BulkActionBody.read(in);
        }
        ObjectNode params = body.params();
        GraphBodies.only(params, "executeAction", PARAMETERS);
        String name = GraphBodies.text(params, "actionName");
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
            if (!p.equals("actionName") && !takes.contains(p) && params.hasNonNull(p)) {
                throw GraphError.badRequest("'" + p + "' does not apply to " + action.wireName());
            }
        }
        if (!body.hasIds() || body.ids().isEmpty() && body.malformed().isEmpty()) {
            throw GraphError.badRequest("executeAction needs 'deviceIds', a non-empty array of device ids");
        }
        call.require(io.latchkey.core.access.Permission.forAction(action));
        Map<String, String> options = DeviceActionEndpoints.options(params, takes);
        List<UUID> ids = body.ids();
        Set<UUID> notFound = Set.of();
        Set<UUID> refused = Set.of();
        boolean noneFound = ids.isEmpty();
        if (!ids.isEmpty()) {
            try {
                // Ids outside the scope of the action's permission are left out by the store's
                // selection and so reported in notFoundDeviceIds exactly like unknown ones.
                DeviceFilter target = call.grants().narrow(io.latchkey.core.access.Permission.forAction(action),
                        DeviceFilter.ids(ids));
                Submitted s = actions.submit(call, new ActionSubmission(action, target, options, null, null));
                notFound = new HashSet<>(s.notFoundIds());
                refused = s.created() ? new HashSet<>(s.notSupportedIds()) : refused(s);
            } catch (Rejected none) {
                if (none.kind() != Rejected.Kind.INVALID || !none.getMessage().startsWith("no device matches")) {
                    throw none;
                }
                noneFound = true;
            }
        }
        writeResult(call, distinct(ids), notFound, refused, noneFound, body.malformed());
    }

    /** The ids once each, in UUID order: a sorted array costs far less than a hash set of a million. */
    private static UUID[] distinct(List<UUID> ids) {
        UUID[] sorted = ids.toArray(new UUID[0]);
        Arrays.sort(sorted);
        int n = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (n == 0 || !sorted[i].equals(sorted[n - 1])) {
                sorted[n++] = sorted[i];
            }
        }
        return Arrays.copyOf(sorted, n);
    }

    /**
     * Streams the answer: a million ids would be a 40 MB string built twice over (the result
     * and its copy in "value") if it went through a map and {@code ctx.json}. Graph's page shows
     * the result wrapped in "value" (what scripts read: $r.value.successfulDeviceIds), while the
     * metadata returns the complex type itself, which is how the Kiota SDKs read it; both forms
     * are given, so both kinds of client find the ids.
     */
    private static void writeResult(GraphCall call, UUID[] ids, Set<UUID> notFound, Set<UUID> refused,
                                    boolean noneFound, List<String> malformed) throws IOException {
        call.ctx().status(200).contentType(GraphApi.JSON);
        try (JsonGenerator g = JSON.createGenerator(call.ctx().outputStream())) {
            g.writeStartObject();
            g.writeStringField("@odata.context", call.root()
                    + "/$metadata#microsoft.graph.bulkManagedDeviceActionResult");
            writeLists(g, ids, notFound, refused, noneFound, malformed);
            g.writeObjectFieldStart("value");
            writeLists(g, ids, notFound, refused, noneFound, malformed);
            g.writeEndObject();
            g.writeEndObject();
        }
    }

    private static void writeLists(JsonGenerator g, UUID[] ids, Set<UUID> notFound, Set<UUID> refused,
                                   boolean noneFound, List<String> malformed) throws IOException {
        g.writeStringField("@odata.type", "#microsoft.graph.bulkManagedDeviceActionResult");
        g.writeArrayFieldStart("successfulDeviceIds");
        if (!noneFound) {
            for (UUID u : ids) {
                if (!notFound.contains(u) && !refused.contains(u)) {
                    g.writeString(u.toString());
                }
            }
        }
        g.writeEndArray();
        g.writeArrayFieldStart("failedDeviceIds");
        g.writeEndArray();
        g.writeArrayFieldStart("notFoundDeviceIds");
        for (String m : malformed) {
            g.writeString(m); // not an id Latchkey could have issued
        }
        for (UUID u : ids) {
            if (noneFound || notFound.contains(u)) {
                g.writeString(u.toString());
            }
        }
        g.writeEndArray();
        g.writeArrayFieldStart("notSupportedDeviceIds");
        if (!noneFound) {
            for (UUID u : ids) {
                if (refused.contains(u)) {
                    g.writeString(u.toString());
                }
            }
        }
        g.writeEndArray();
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
}
