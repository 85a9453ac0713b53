package io.latchkey.api.graph;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latchkey.api.graph.odata.QueryOptions;
import io.latchkey.core.access.Permission;
import io.latchkey.core.audit.AuditEvent;
import io.latchkey.core.audit.AuditLog;
import io.latchkey.core.inventory.Device;
import io.latchkey.core.inventory.DeviceCondition;
import io.latchkey.core.inventory.DeviceField;
import io.latchkey.core.inventory.DeviceOrder;
import io.latchkey.core.inventory.DeviceRemoval;
import io.latchkey.core.inventory.DeviceSearch;
import io.latchkey.core.inventory.Devices;
import io.latchkey.core.inventory.Ownership;
import io.latchkey.core.inventory.Page;
import io.latchkey.core.inventory.User;
import io.latchkey.core.inventory.UserLookup;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * {@code deviceManagement/managedDevices}: list with OData options, get, PATCH of the name and
 * owner type, DELETE of the record, beta {@code setDeviceName}
 * (https://learn.microsoft.com/graph/api/resources/intune-devices-manageddevice).
 */
final class ManagedDeviceEndpoints {
    static final String COLLECTION = "/deviceManagement/managedDevices";
    private static final Set<String> LIST_OPTIONS = Set.of("$filter", "$select", "$top", "$skip", "$orderby",
            "$count", "$skiptoken");
    private static final Map<String, DeviceField> ORDERABLE = Map.of("id", DeviceField.ID, "deviceName",
            DeviceField.NAME, "enrolledDateTime", DeviceField.ENROLLED_AT, "lastSyncDateTime", DeviceField.LAST_CHECK_IN);

    private final Devices devices;
    private final DeviceSearch search;
    private final DeviceRemoval removal;
    private final UserLookup users;
    private final ActionResults results;
    private final AuditLog audit;
    private final Clock clock;

    ManagedDeviceEndpoints(Devices devices, DeviceSearch search, DeviceRemoval removal, UserLookup users,
                           ActionResults results, AuditLog audit, Clock clock) {
        this.devices = devices;
        this.search = search;
        this.removal = removal;
        this.users = users;
        this.results = results;
        this.audit = audit;
        this.clock = clock;
    }

    void register(GraphRouter router) {
        router.add("GET", COLLECTION, call -> list(call, DeviceCondition.ALL, "deviceManagement/managedDevices"));
        router.add("GET", COLLECTION + "/$count", this::count);
        router.add("GET", COLLECTION + "/{managedDevice-id}", this::get);
        router.add("PATCH", COLLECTION + "/{managedDevice-id}", this::patch);
        router.add("DELETE", COLLECTION + "/{managedDevice-id}", this::delete);
        router.beta("POST", COLLECTION + "/{managedDevice-id}/setDeviceName", this::setDeviceName);
    }

    /** A page of the devices {@code base} and the caller's {@code $filter} select. */
    void list(GraphCall call, DeviceCondition base, String contextPath) {
        QueryOptions q = QueryOptions.parse(call.ctx().queryParamMap(), LIST_OPTIONS);
        Set<String> select = ManagedDeviceView.checkSelect(q.select(), call.beta());
        DeviceCondition filter = ManagedDeviceFilter.of(q.filter());
        DeviceCondition own = base instanceof DeviceCondition.All ? filter
                : filter instanceof DeviceCondition.All ? base : new DeviceCondition.And(List.of(base, filter));
        // The caller's scope is part of the store's predicate: pages, skip tokens and $count never
        // see a device outside it.
        DeviceCondition where = call.grants().narrow(Permission.READ_DEVICES, own);
        Page<Device> page = search.page(where, order(q.orderBy()), q.skipToken(), q.skip(), q.pageSize());
        Long count = q.count() ? search.count(where) : null;
        Map<UUID, User> owners = owners(page.items());
        boolean withResults = select != null && select.contains("deviceActionResults");
        List<Map<String, Object>> value = new ArrayList<>(page.items().size());
        for (Device d : page.items()) {
            value.add(ManagedDeviceView.of(d, owners.get(d.enrollingUserId()), call.beta(),
                    withResults ? results.of(d.id(), call, false) : null, select));
        }
        GraphApi.ok(call, GraphListing.of(call, contextPath, page, value, count));
    }

    /** {@code managedDevices/$count}: the number the filter selects, as plain text (OData 4.01 §11.2.10). */
    private void count(GraphCall call) {
        QueryOptions q = QueryOptions.parse(call.ctx().queryParamMap(), Set.of("$filter"));
        call.ctx().status(200).contentType("text/plain;charset=utf-8")
                .result(Long.toString(search.count(call.grants().narrow(Permission.READ_DEVICES,
                        ManagedDeviceFilter.of(q.filter())))));
    }

    private void get(GraphCall call) {
        QueryOptions q = QueryOptions.parse(call.ctx().queryParamMap(), Set.of("$select"));
        Set<String> select = ManagedDeviceView.checkSelect(q.select(), call.beta());
        Device d = device(call, Permission.READ_DEVICES);
        boolean withResults = select == null || select.contains("deviceActionResults");
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("@odata.context", call.root() + "/$metadata#deviceManagement/managedDevices/$entity");
        body.putAll(ManagedDeviceView.of(d, owners(List.of(d)).get(d.enrollingUserId()), call.beta(),
                withResults ? results.of(d.id(), call, call.covers(Permission.REVEAL_SECRET, d.id())) : null,
                select));
        call.ctx().header("Cache-Control", "no-store");
        GraphApi.ok(call, body);
    }

    private void patch(GraphCall call) {
        Device d = device(call, Permission.MANAGE_DEVICES);
        ObjectNode body = GraphBodies.object(call.ctx());
        GraphBodies.only(body, "managedDevice updates", call.beta()
                ? Set.of("deviceName", "managedDeviceName", "managedDeviceOwnerType", "ownerType")
                : Set.of("deviceName", "managedDeviceName", "managedDeviceOwnerType"));
        String name = Optional.ofNullable(GraphBodies.text(body, "deviceName"))
                .orElse(GraphBodies.text(body, "managedDeviceName"));
        String owner = Optional.ofNullable(GraphBodies.text(body, "managedDeviceOwnerType"))
                .orElse(GraphBodies.text(body, "ownerType"));
        Device updated = d;
        if (name != null) {
            updated = renamed(updated, name);
        }
        if (owner != null) {
            try {
                updated = owned(updated, Ownership.parse(owner));
            } catch (IllegalArgumentException e) {
                throw GraphError.badRequest("'" + owner + "' is not an owner type (company or personal)");
            }
        }
        save(call, d, updated);
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("@odata.context", call.root() + "/$metadata#deviceManagement/managedDevices/$entity");
        out.putAll(ManagedDeviceView.of(updated, owners(List.of(updated)).get(updated.enrollingUserId()), call.beta(),
                null, null));
        GraphApi.ok(call, out);
    }

    /** Beta setDeviceName: renames the record; Latchkey sends no rename command to the device. */
    private void setDeviceName(GraphCall call) {
        Device d = device(call, Permission.MANAGE_DEVICES);
        ObjectNode body = GraphBodies.object(call.ctx());
        GraphBodies.only(body, "setDeviceName", Set.of("deviceName"));
        String name = GraphBodies.text(body, "deviceName");
        if (name == null) {
            throw GraphError.badRequest("setDeviceName needs 'deviceName'");
        }
        save(call, d, renamed(d, name));
        call.ctx().status(204);
    }

    private void delete(GraphCall call) {
        Device d = device(call, Permission.MANAGE_DEVICES);
        var event = new AuditEvent(UUID.randomUUID(), clock.instant(), call.actor().name(), call.actor().address(),
                "device.delete", "device", d.id().toString(), "record of '" + d.name() + "' deleted (Graph API)");
        if (!removal.remove(d.id(), event)) {
            throw GraphError.notFound("managedDevice '" + d.id() + "' was not found");
        }
        call.ctx().status(204);
    }

    private void save(GraphCall call, Device before, Device after) {
        if (after.equals(before)) {
            return;
        }
        devices.save(after);
        audit.append(new AuditEvent(UUID.randomUUID(), clock.instant(), call.actor().name(), call.actor().address(),
                "device.update", "device", after.id().toString(), "name '" + after.name() + "', owner "
                + after.ownership().wireName() + " (Graph API)"));
    }

    /**
     * The device the call's id names, for an action needing {@code permission}: 404 for an unknown
     * or malformed id (as Graph answers an unknown key) and for a device outside the caller's read
     * scope, exactly alike; 403 for one they may see but not act on.
     */
    Device device(GraphCall call, Permission permission) {
        Device d = device(call.param(0));
        if (!call.covers(Permission.READ_DEVICES, d.id())) {
            throw GraphError.notFound("managedDevice '" + call.param(0) + "' was not found");
        }
        if (permission != Permission.READ_DEVICES && !call.covers(permission, d.id())) {
            call.require(permission);
            throw GraphError.forbidden("your role does not permit "
                    + permission.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " on this device");
        }
        return d;
    }

    private Device device(String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id.trim());
        } catch (IllegalArgumentException e) {
            throw GraphError.notFound("managedDevice '" + id + "' was not found");
        }
        return devices.find(uuid).orElseThrow(() -> GraphError.notFound("managedDevice '" + id + "' was not found"));
    }

    private Map<UUID, User> owners(List<Device> page) {
        Set<UUID> ids = new HashSet<>();
        page.forEach(d -> {
            if (d.enrollingUserId() != null) {
                ids.add(d.enrollingUserId());
            }
        });
        return users.byIds(ids);
    }

    private static DeviceOrder order(List<QueryOptions.OrderBy> orderBy) {
        if (orderBy.isEmpty()) {
            return DeviceOrder.BY_ID;
        }
        QueryOptions.OrderBy first = orderBy.getFirst();
        DeviceField field = ORDERABLE.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(first.property()))
                .map(Map.Entry::getValue).findFirst().orElseThrow(() -> GraphError.badRequest("sorting by '"
                        + first.property() + "' is not supported (sortable: id, deviceName, enrolledDateTime, "
                        + "lastSyncDateTime)"));
        for (QueryOptions.OrderBy then : orderBy.subList(1, orderBy.size())) {
            // The id always breaks ties, in the same direction; any other second key cannot be paged by an index.
            if (!then.property().equalsIgnoreCase("id") || then.descending() != first.descending()) {
                throw GraphError.badRequest("$orderby supports one property, optionally followed by id in the "
                        + "same direction");
            }
        }
        return new DeviceOrder(field, first.descending());
    }

    private static Device renamed(Device d, String name) {
        String n = name.strip();
        if (n.isEmpty() || n.length() > 400) {
            throw GraphError.badRequest("deviceName must be 1 to 400 characters");
        }
        return new Device(d.id(), d.externalId(), n, d.platform(), d.osVersion(), d.model(), d.serialNumber(),
                d.channel(), d.ownership(), d.enrollingUserId(), d.currentUserId(), d.enrolledAt(), d.lastCheckInAt(),
                d.state(), d.unenrolledAt());
    }

    private static Device owned(Device d, Ownership o) {
        return new Device(d.id(), d.externalId(), d.name(), d.platform(), d.osVersion(), d.model(), d.serialNumber(),
                d.channel(), o, d.enrollingUserId(), d.currentUserId(), d.enrolledAt(), d.lastCheckInAt(),
                d.state(), d.unenrolledAt());
    }
}
