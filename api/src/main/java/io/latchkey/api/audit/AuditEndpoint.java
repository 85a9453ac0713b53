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
        ctx.json(Paging.view(audit.page(Paging.cursor(ctx), Paging.limit(ctx)), e -> e));
    }
}
