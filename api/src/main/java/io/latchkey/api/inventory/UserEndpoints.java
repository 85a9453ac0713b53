package io.latchkey.api.inventory;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.latchkey.api.AccessGuard;
import io.latchkey.api.ApiException;
import io.latchkey.core.access.Permission;
import io.latchkey.api.Paging;
import io.latchkey.api.Params;
import io.latchkey.core.inventory.DeviceFilter;
import io.latchkey.core.inventory.Devices;
import io.latchkey.core.inventory.Users;

import java.util.UUID;

/** The source console's "All Users › the user › Devices" path: users, one user, a user's devices. */
public final class UserEndpoints {
    private final Users users;
    private final Devices devices;

    public UserEndpoints(Users users, Devices devices) {
        this.users = users;
        this.devices = devices;
    }

    public void register(RoutesConfig routes, String base) {
        routes.get(base + "/users", this::list);
        routes.get(base + "/users/{id}", this::detail);
        routes.get(base + "/users/{id}/devices", this::devicesOf);
    }

    private void list(Context ctx) {
        String search = ctx.queryParam("search");
        // A scoped reader sees the users who enrolled a device within the scope, filtered in SQL.
        ctx.json(Paging.view(users.page(search == null || search.isBlank() ? null : search.trim(),
                AccessGuard.grants(ctx).groups(Permission.READ_DEVICES), Paging.cursor(ctx), Paging.limit(ctx)),
                u -> u));
    }

    private void detail(Context ctx) {
        UUID id = Params.pathId(ctx, "id");
        ctx.json(users.find(id).filter(u -> AccessGuard.seesUser(ctx, id))
                .orElseThrow(() -> ApiException.notFound("no user " + id)));
    }

    private void devicesOf(Context ctx) {
        UUID id = Params.pathId(ctx, "id");
        users.find(id).filter(u -> AccessGuard.seesUser(ctx, id))
                .orElseThrow(() -> ApiException.notFound("no user " + id));
        ctx.json(Paging.view(devices.page(AccessGuard.grants(ctx).narrow(Permission.READ_DEVICES,
                DeviceFilter.user(id)), DeviceEndpoints.sort(ctx), Paging.cursor(ctx),
                Paging.limit(ctx)), DeviceView::summary));
    }
}
