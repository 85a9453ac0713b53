package io.latchkey.api.inventory;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.latchkey.api.AccessGuard;
import io.latchkey.api.ApiException;
import io.latchkey.core.access.Permission;
import io.latchkey.api.Paging;
import io.latchkey.api.Params;
import io.latchkey.core.inventory.BuiltInGroup;
import io.latchkey.core.inventory.DeviceFilter;
import io.latchkey.core.inventory.DeviceSort;
import io.latchkey.core.inventory.Devices;
import io.latchkey.core.inventory.Groups;
import io.latchkey.core.inventory.ManagementChannel;
import io.latchkey.core.inventory.Platform;
import io.latchkey.core.inventory.User;
import io.latchkey.core.inventory.Users;

import java.util.UUID;

/** {@code GET /devices} (filtered, sorted, keyset-paged) and {@code GET /devices/{id}}. */
public final class DeviceEndpoints {
    private final Devices devices;
    private final Users users;
    private final Groups groups;

    public DeviceEndpoints(Devices devices, Users users, Groups groups) {
        this.devices = devices;
        this.users = users;
        this.groups = groups;
    }

    public void register(RoutesConfig routes, String base) {
        routes.get(base + "/devices", this::list);
        routes.get(base + "/devices/{id}", this::detail);
    }

    private void list(Context ctx) {
        DeviceFilter filter = new DeviceFilter(null, group(ctx, ctx.queryParam("group")), user(ctx.queryParam("user")),
                Params.query(ctx, "platform", Platform::parse),
                Params.query(ctx, "channel", ManagementChannel::parse), blankToNull(ctx.queryParam("search")));
        // Scoped in the store's query: the page, its cursor and its end never reveal other devices.
        filter = AccessGuard.grants(ctx).narrow(Permission.READ_DEVICES, filter);
        ctx.json(Paging.view(devices.page(filter, sort(ctx), Paging.cursor(ctx), Paging.limit(ctx)),
                DeviceView::summary));
    }

    private void detail(Context ctx) {
        UUID id = Params.pathId(ctx, "id");
        AccessGuard.requireDevice(ctx, Permission.READ_DEVICES, id);
        ctx.json(DeviceView.detail(devices.find(id).orElseThrow(() -> ApiException.notFound("no device " + id))));
    }

    static DeviceSort sort(Context ctx) {
        String raw = ctx.queryParam("sort");
        if (raw == null || raw.isBlank()) {
            return DeviceSort.NAME;
        }
        return switch (raw.trim()) {
            case "name" -> DeviceSort.NAME;
            case "lastCheckIn" -> DeviceSort.LAST_CHECK_IN;
            case "enrolled" -> DeviceSort.ENROLLED;
            default -> throw ApiException.badRequest("sort must be name, lastCheckIn or enrolled, not '" + raw + "'");
        };
    }

    /**
     * A built-in group id or an existing static group's UUID; anything else is a 404, and so is a
     * static group outside the caller's scope.
     */
    String group(Context ctx, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String id = raw.trim();
        if (id.equals(BuiltInGroup.ALL_USERS_ID)) {
            throw ApiException.badRequest("the group all-users holds users, not devices; see GET /api/v1/users");
        }
        if (BuiltInGroup.byId(id).isPresent()) {
            return id;
        }
        UUID uuid = Params.uuid(id, "group");
        groups.find(uuid).filter(g -> AccessGuard.grants(ctx).seesGroup(g.id()))
                .orElseThrow(() -> ApiException.notFound("no group " + id));
        return uuid.toString();
    }

    /** A user's UUID or principal name (the enrolling user). */
    private UUID user(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String text = raw.trim();
        if (text.contains("@")) {
            return users.findByPrincipalName(text).map(User::id)
                    .orElseThrow(() -> ApiException.notFound("no user " + text));
        }
        return Params.uuid(text, "user");
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
