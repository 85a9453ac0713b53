package io.latchkey.api.inventory;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.latchkey.api.ApiException;
import io.latchkey.api.Json;
import io.latchkey.api.Params;
import io.latchkey.core.audit.Actor;
import io.latchkey.core.audit.AuditEvent;
import io.latchkey.core.audit.AuditLog;
import io.latchkey.core.inventory.BuiltInGroup;
import io.latchkey.core.inventory.Device;
import io.latchkey.core.inventory.DeviceFilter;
import io.latchkey.core.inventory.Devices;
import io.latchkey.core.inventory.Groups;
import io.latchkey.core.inventory.StaticGroup;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Groups: the built-in hierarchy of the source console (computed, read-only) and the static groups
 * administrators create and fill. Every change is audited.
 */
public final class GroupEndpoints {
    static final int MAX_MEMBERS_PER_CALL = 10_000;

    private final Groups groups;
    private final Devices devices;
    private final AuditLog audit;
    private final Clock clock;

    public GroupEndpoints(Groups groups, Devices devices, AuditLog audit, Clock clock) {
        this.groups = groups;
        this.devices = devices;
        this.audit = audit;
        this.clock = clock;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record BuiltInNode(String id, String name, String holds, List<BuiltInNode> children) {
    }

    public record GroupsView(List<BuiltInNode> builtIn, List<StaticGroup> groups) {
    }

    public void register(RoutesConfig routes, String base) {
        routes.get(base + "/groups", this::list);
        routes.post(base + "/groups", this::create);
        routes.post(base + "/groups/{id}/members", ctx -> members(ctx, true));
        routes.delete(base + "/groups/{id}/members", ctx -> members(ctx, false));
    }

    private void list(Context ctx) {
        List<BuiltInNode> roots = new ArrayList<>();
        for (BuiltInGroup g : BuiltInGroup.values()) {
            if (g.parent().isEmpty()) {
                roots.add(node(g));
            }
        }
        roots.add(new BuiltInNode(BuiltInGroup.ALL_USERS_ID, "All Users", "users", List.of()));
        // Built-in groups are views every reader may open (their members are scoped); static groups
        // are listed only when the caller's scope names them.
        var grants = io.latchkey.api.AccessGuard.grants(ctx);
        ctx.json(new GroupsView(roots, groups.list().stream().filter(g -> grants.seesGroup(g.id())).toList()));
    }

    private static BuiltInNode node(BuiltInGroup group) {
        List<BuiltInNode> children = new ArrayList<>();
        for (BuiltInGroup g : BuiltInGroup.values()) {
            if (g.parent().filter(p -> p == group).isPresent()) {
                children.add(node(g));
            }
        }
        return new BuiltInNode(group.id(), group.displayName(), "devices", children);
    }

    private void create(Context ctx) {
        ObjectNode body = Json.objectBody(ctx);
        Json.onlyFields(body, "the group", Set.of("name", "description"));
        String name = Json.text(body, "name");
        if (name == null || name.isBlank() || name.length() > 200) {
            throw ApiException.badRequest("field 'name' is required, 1 to 200 characters");
        }
        boolean taken = groups.list().stream().anyMatch(g -> g.name().equalsIgnoreCase(name.trim()));
        if (taken) {
            throw new ApiException(409, "conflict", "a group named '" + name.trim() + "' already exists");
        }
        Instant now = clock.instant();
        StaticGroup group = new StaticGroup(UUID.randomUUID(), name.trim(), Json.text(body, "description"), now);
        groups.create(group);
        Actor actor = Params.actor(ctx);
        audit.append(new AuditEvent(UUID.randomUUID(), now, actor.name(), actor.address(), "group.create", "group",
                group.id().toString(), group.name()));
        ctx.status(201).json(group);
    }

    /** Adds or removes devices named by id; unknown device ids are refused, and then nothing changes. */
    private void members(Context ctx, boolean add) {
        UUID groupId = Params.pathId(ctx, "id");
        var grants = io.latchkey.api.AccessGuard.grants(ctx);
        java.util.Set<UUID> scope = grants.groups(io.latchkey.core.access.Permission.MANAGE_GROUPS);
        if (groups.find(groupId).isEmpty() || (scope != null && !scope.contains(groupId))) {
            throw ApiException.notFound(BuiltInGroup.byId(ctx.pathParam("id")).isPresent()
                    ? "built-in groups are computed from device data; their members cannot be changed"
                    : "no group " + groupId);
        }
        ObjectNode body = Json.objectBody(ctx);
        Json.onlyFields(body, "the member list", Set.of("deviceIds"));
        List<String> raw = Json.texts(body, "deviceIds");
        if (raw == null || raw.isEmpty() || raw.size() > MAX_MEMBERS_PER_CALL) {
            throw ApiException.badRequest("field 'deviceIds' must list 1 to " + MAX_MEMBERS_PER_CALL + " device ids");
        }
        Set<UUID> ids = new LinkedHashSet<>();
        raw.forEach(s -> ids.add(Params.uuid(s, "device id")));
        Set<UUID> found = new HashSet<>();
        // Devices outside the caller's scope are answered exactly like unknown ones.
        devices.select(grants.narrow(io.latchkey.core.access.Permission.MANAGE_GROUPS,
                DeviceFilter.ids(List.copyOf(ids)))).stream().map(Device::id).forEach(found::add);
        List<UUID> unknown = ids.stream().filter(id -> !found.contains(id)).toList();
        if (!unknown.isEmpty()) {
            throw new ApiException(404, "not_found", "no device with id(s) " + unknown + "; nothing was changed");
        }
        int changed = add ? groups.addMembers(groupId, ids) : groups.removeMembers(groupId, ids);
        Actor actor = Params.actor(ctx);
        audit.append(new AuditEvent(UUID.randomUUID(), clock.instant(), actor.name(), actor.address(),
                add ? "group.addMembers" : "group.removeMembers", "group", groupId.toString(),
                changed + " device(s)"));
        ctx.json(Map.of(add ? "added" : "removed", changed));
    }
}
