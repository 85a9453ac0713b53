package io.latchkey.console.pages;

import io.javalin.http.Context;
import io.latchkey.console.web.Web;
import io.latchkey.core.Rejected;
import io.latchkey.core.audit.AuditEvent;
import io.latchkey.core.audit.AuditFilter;
import io.latchkey.core.audit.AuditLog;
import io.latchkey.core.inventory.Page;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/** The audit log, newest first, filtered by who, what, which device (or other target) and when. */
public final class AuditPage {
    private static final int PAGE_SIZE = 50;

    private final Web web;
    private final AuditLog audit;
    private final ZoneId zone;

    public AuditPage(Web web, AuditLog audit, ZoneId zone) {
        this.web = web;
        this.audit = audit;
        this.zone = zone;
    }

    public record View(String actor, String action, String target, String from, String to, Page<AuditEvent> page,
                       boolean firstPage) {
    }

    public void show(Context ctx) {
        // An admin whose audit permission is scoped reads their own entries only.
        String actor = io.latchkey.console.web.ConsoleAccess.grants(ctx)
                .everywhere(io.latchkey.core.access.Permission.READ_AUDIT) ? param(ctx, "actor") : web.actor(ctx).name();
        String action = param(ctx, "action");
        String target = param(ctx, "target");
        String from = param(ctx, "from");
        String to = param(ctx, "to");
        // Days are the administrator's days: "to" includes the whole day given.
        AuditFilter filter = new AuditFilter(actor, action, target, day(from, 0), day(to, 1));
        String cursor = param(ctx, "cursor");
        Page<AuditEvent> page = audit.page(filter, cursor.isEmpty() ? null : cursor, PAGE_SIZE);
        web.page(ctx, "audit", new View(actor, action, target, from, to, page, cursor.isEmpty()));
    }

    private Instant day(String text, int plusDays) {
        if (text.isEmpty()) {
            return null;
        }
        try {
            return LocalDate.parse(text).plusDays(plusDays).atStartOfDay(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw Rejected.invalid("'" + text + "' is not a date such as 2026-11-27");
        }
    }

    private static String param(Context ctx, String name) {
        String v = ctx.queryParam(name);
        return v == null ? "" : v.trim();
    }
}
