package io.latchkey.api.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.latchkey.api.ApiException;
import io.latchkey.api.Json;
import io.latchkey.api.Params;
import io.latchkey.core.access.Permission;
import io.latchkey.core.access.Role;
import io.latchkey.core.access.RoleAdministration;
import io.latchkey.core.access.RoleAssignment;
import io.latchkey.core.access.RoleAssignments;
import io.latchkey.core.access.Roles;
import io.latchkey.core.access.Scope;
import io.latchkey.core.admin.Admin;
import io.latchkey.core.admin.AdminDirectory;

import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * Role management (issue 8 item 2): {@code /roles} (built-in and custom; custom ones created,
 * replaced, deleted), {@code /admins} and {@code /admins/{id}/assignments} (a role over all
 * devices or some static groups). Guarded by MANAGE_ROLES over all devices (see AccessGuard), so a
 * scoped admin can never grant more than they hold; every change is audited by the core.
 */
public final class RoleEndpoints {
    private final Roles roles;
    private final RoleAssignments assignments;
    private final AdminDirectory admins;
    private final RoleAdministration administration;

    public RoleEndpoints(Roles roles, RoleAssignments assignments, AdminDirectory admins,
                         RoleAdministration administration) {
        this.roles = roles;
        this.assignments = assignments;
        this.admins = admins;
        this.administration = administration;
    }

    public record RoleView(String name, boolean builtIn, List<String> permissions) {
        static RoleView of(Role r) {
            return new RoleView(r.name(), r.builtIn(), r.permissions().stream().sorted()
                    .map(RoleEndpoints::wire).toList());
        }
    }

    public record AdminView(UUID id, String name, Instant createdAt) {
    }

    public record AssignmentView(String role, boolean allDevices, List<UUID> groupIds) {
        static AssignmentView of(RoleAssignment a) {
            return new AssignmentView(a.roleName(), a.scope().allDevices(),
                    a.scope().groupIds().stream().sorted().toList());
        }
    }

    public void register(RoutesConfig routes, String base) {
        routes.get(base + "/roles", ctx -> ctx.json(roles.all().stream().map(RoleView::of).toList()));
        routes.post(base + "/roles", this::create);
        routes.put(base + "/roles/{name}", this::update);
        routes.delete(base + "/roles/{name}", ctx -> {
            administration.deleteCustom(ctx.pathParam("name"), Params.actor(ctx));
            ctx.status(204);
        });
        routes.get(base + "/admins", ctx -> ctx.json(admins.list().stream()
                .map(a -> new AdminView(a.id(), a.name(), a.createdAt())).toList()));
        routes.get(base + "/admins/{id}/assignments", ctx -> ctx.json(assignments.of(admin(ctx).id()).stream()
                .map(AssignmentView::of).toList()));
        routes.post(base + "/admins/{id}/assignments", this::assign);
        routes.delete(base + "/admins/{id}/assignments/{role}", ctx -> {
            administration.unassign(admin(ctx).id(), ctx.pathParam("role"), Params.actor(ctx));
            ctx.status(204);
        });
    }

    private void create(Context ctx) {
        ObjectNode body = Json.objectBody(ctx);
        Json.onlyFields(body, "the role", Set.of("name", "permissions"));
        String name = Json.text(body, "name");
        if (name == null || name.isBlank()) {
            throw ApiException.badRequest("field 'name' is required");
        }
        Role role = administration.saveCustom(name, permissions(body), true, Params.actor(ctx));
        ctx.status(201).json(RoleView.of(role));
    }

    private void update(Context ctx) {
        ObjectNode body = Json.objectBody(ctx);
        Json.onlyFields(body, "the role", Set.of("permissions"));
        ctx.json(RoleView.of(administration.saveCustom(ctx.pathParam("name"), permissions(body), false,
                Params.actor(ctx))));
    }

    private void assign(Context ctx) {
        Admin admin = admin(ctx);
        ObjectNode body = Json.objectBody(ctx);
        Json.onlyFields(body, "the assignment", Set.of("role", "allDevices", "groupIds"));
        String role = Json.text(body, "role");
        if (role == null || role.isBlank()) {
            throw ApiException.badRequest("field 'role' is required");
        }
        JsonNode all = body.get("allDevices");
        if (all != null && !all.isNull() && !all.isBoolean()) {
            throw ApiException.badRequest("field 'allDevices' must be true or false");
        }
        List<String> rawGroups = Json.texts(body, "groupIds");
        boolean everywhere = all != null && all.asBoolean();
        if (everywhere == (rawGroups != null && !rawGroups.isEmpty())) {
            throw ApiException.badRequest("say either \"allDevices\": true or \"groupIds\": [...] (at least one "
                    + "static group)");
        }
        Scope scope = everywhere ? Scope.ALL : Scope.groups(groupIds(rawGroups));
        administration.assign(admin.id(), role.trim(), scope, Params.actor(ctx));
        ctx.status(201).json(assignments.of(admin.id()).stream().map(AssignmentView::of).toList());
    }

    private Admin admin(Context ctx) {
        UUID id = Params.pathId(ctx, "id");
        return admins.find(id).orElseThrow(() -> ApiException.notFound("no administrator " + id));
    }

    private static Set<UUID> groupIds(List<String> raw) {
        Set<UUID> ids = new LinkedHashSet<>();
        raw.forEach(s -> ids.add(Params.uuid(s, "group id")));
        return ids;
    }

    /** The permissions by their wire names (remoteLock) or enum names (REMOTE_LOCK). */
    static Set<Permission> permissions(ObjectNode body) {
        List<String> raw = Json.texts(body, "permissions");
        if (raw == null) {
            throw ApiException.badRequest("field 'permissions' is required, e.g. [\"readDevices\", \"remoteLock\"]");
        }
        Set<Permission> out = EnumSet.noneOf(Permission.class);
        for (String s : raw) {
            try {
                out.add(Permission.parse(s.replaceAll("([a-z])([A-Z])", "$1_$2")));
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("field 'permissions': " + e.getMessage());
            }
        }
        return out;
    }

    /** REMOTE_LOCK → remoteLock, the API's spelling. */
    static String wire(Permission p) {
        StringBuilder b = new StringBuilder();
        boolean up = false;
        for (char c : p.name().toLowerCase(Locale.ROOT).toCharArray()) {
            if (c == '_') {
                up = true;
            } else {
                b.append(up ? Character.toUpperCase(c) : c);
                up = false;
            }
        }
        return b.toString();
    }
}
