package io.latchkey.api.graph;

import io.latchkey.api.graph.odata.QueryOptions;
import io.latchkey.core.action.ActionRequest;
import io.latchkey.core.action.ActionRequests;
import io.latchkey.core.action.Command;
import io.latchkey.core.action.CommandHistory;
import io.latchkey.core.inventory.Device;
import io.latchkey.core.inventory.DeviceFilter;
import io.latchkey.core.inventory.Devices;
import io.latchkey.core.inventory.Page;
import io.latchkey.core.inventory.User;
import io.latchkey.core.inventory.UserLookup;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Beta {@code deviceManagement/remoteActionAudits}
 * (https://learn.microsoft.com/graph/api/resources/intune-devices-remoteactionaudit?view=graph-rest-beta):
 * one entry per device per remote action, newest request first, read from Latchkey's action
 * requests and their commands (the same records the native API's history shows). A bulk request
 * yields one entry per device with {@code deviceActionCategory} {@code bulk}.
 */
final class RemoteActionAuditEndpoint {
    private final ActionRequests requests;
    private final CommandHistory history;
    private final Devices devices;
    private final UserLookup users;

    RemoteActionAuditEndpoint(ActionRequests requests, CommandHistory history, Devices devices, UserLookup users) {
        this.requests = requests;
        this.history = history;
        this.devices = devices;
        this.users = users;
    }

    void register(GraphRouter router) {
        router.beta("GET", "/deviceManagement/remoteActionAudits", this::list);
    }

    private record Row(ActionRequest request, Command command) {
    }

    private void list(GraphCall call) {
        QueryOptions q = QueryOptions.parse(call.ctx().queryParamMap(), Set.of("$top", "$skiptoken"));
        int top = q.pageSize();
        String[] at = decode(q.skipToken());
        String requestCursor = at[0];
        String commandCursor = at[1];
        List<Row> rows = new ArrayList<>();
        String next = null;
        boolean everything = call.grants().everywhere(io.latchkey.core.access.Permission.READ_AUDIT);
        while (rows.size() < top) {
            // One request per step: the cursor that yields it is where a later page resumes.
            // An admin whose audit permission is scoped sees the requests they made themselves.
            Page<ActionRequest> rp = everything ? requests.page(requestCursor, 1)
                    : requests.pageRequestedBy(call.admin().name(), requestCursor, 1);
            if (rp.items().isEmpty()) {
                break;
            }
            ActionRequest r = rp.items().getFirst();
            Page<Command> cp = history.ofRequest(r.id(), null, commandCursor, top - rows.size());
            cp.items().forEach(c -> rows.add(new Row(r, c)));
            if (cp.nextCursor() != null) {
                next = encode(requestCursor, cp.nextCursor());
                break;
            }
            if (rp.nextCursor() == null) {
                break;
            }
            requestCursor = rp.nextCursor();
            commandCursor = null;
            if (rows.size() >= top) {
                next = encode(requestCursor, null);
            }
        }
        GraphApi.ok(call, GraphListing.of(call, "deviceManagement/remoteActionAudits", view(rows), null, next));
    }

    private List<Map<String, Object>> view(List<Row> rows) {
        Set<UUID> ids = new HashSet<>();
        rows.forEach(r -> ids.add(r.command().deviceId()));
        Map<UUID, Device> byId = new HashMap<>();
        if (!ids.isEmpty()) {
            devices.select(DeviceFilter.ids(List.copyOf(ids))).forEach(d -> byId.put(d.id(), d));
        }
        Set<UUID> owners = new HashSet<>();
        byId.values().forEach(d -> {
            if (d.enrollingUserId() != null) {
                owners.add(d.enrollingUserId());
            }
        });
        Map<UUID, User> people = users.byIds(owners);
        List<Map<String, Object>> out = new ArrayList<>(rows.size());
        for (Row row : rows) {
            Command c = row.command();
            Device d = byId.get(c.deviceId());
            User owner = d == null || d.enrollingUserId() == null ? null : people.get(d.enrollingUserId());
            boolean bulk = row.request().deviceCount() > 1;
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("@odata.type", "#microsoft.graph.remoteActionAudit");
            m.put("id", c.id().toString());
            m.put("deviceDisplayName", d == null ? null : d.name());
            m.put("userName", owner == null ? null : owner.userPrincipalName());
            m.put("initiatedByUserPrincipalName", row.request().requestedBy());
            m.put("action", GraphNames.remoteAction(c.action()));
            m.put("requestDateTime", row.request().createdAt().toString());
            m.put("deviceOwnerUserPrincipalName", owner == null ? null : owner.userPrincipalName());
            m.put("deviceIMEI", null);
            m.put("actionState", GraphNames.actionState(c.state()));
            m.put("managedDeviceId", c.deviceId().toString());
            m.put("deviceActionCategory", bulk ? "bulk" : "single");
            m.put("bulkDeviceActionId", bulk ? row.request().id().toString() : null);
            out.add(m);
        }
        return out;
    }

    private static String encode(String requestCursor, String commandCursor) {
        String raw = (requestCursor == null ? "" : requestCursor) + "," + (commandCursor == null ? "" : commandCursor);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    private static String[] decode(String token) {
        if (token == null || token.isEmpty()) {
            return new String[2];
        }
        String raw;
        try {
            raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw GraphError.badRequest("malformed $skiptoken");
        }
        int comma = raw.indexOf(',');
        if (comma < 0) {
            throw GraphError.badRequest("malformed $skiptoken");
        }
        String r = raw.substring(0, comma);
        String c = raw.substring(comma + 1);
        return new String[]{r.isEmpty() ? null : r, c.isEmpty() ? null : c};
    }
}
