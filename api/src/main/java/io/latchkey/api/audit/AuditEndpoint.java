package io.latchkey.api.audit;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.latchkey.api.Paging;
import io.latchkey.core.audit.AuditLog;

/** {@code GET /audit}: the append-only audit log, newest first, keyset-paged. */
public final class AuditEndpoint {
    private final AuditLog audit;

    public AuditEndpoint(AuditLog audit) {
        this.audit = audit;
    }

    public void register(RoutesConfig routes, String base) {
        routes.get(base + "/audit", this::list);
    }

    private void list(Context ctx) {
        // Entries name devices and other admins' work: an admin whose audit permission is scoped
        // reads their own entries only.
        if (io.latchkey.api.AccessGuard.grants(ctx).everywhere(io.latchkey.core.access.Permission.READ_AUDIT)) {
            ctx.json(Paging.view(audit.page(Paging.cursor(ctx), Paging.limit(ctx)), e -> e));
            return;
        }
        var mine = new io.latchkey.core.audit.AuditFilter(io.latchkey.api.Params.actor(ctx).name(), null, null, null,
                null);
        ctx.json(Paging.view(audit.page(mine, Paging.cursor(ctx), Paging.limit(ctx)), e -> e));
    }
}
