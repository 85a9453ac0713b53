package io.latchkey.console.web;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.latchkey.console.i18n.Messages;
import io.latchkey.core.Rejected;
import io.latchkey.core.audit.Actor;
import io.latchkey.core.inventory.Groups;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** What every console page handler shares: the language, the frame, the actor, errors as pages. */
public final class Web {
    private static final Logger LOG = LoggerFactory.getLogger(Web.class);
    public static final String LANG_COOKIE = "lk_lang";

    private final Groups groups;
    private final Renderer renderer;
    private final ZoneId zone;

    public Web(Groups groups, Renderer renderer, ZoneId zone) {
        this.groups = groups;
        this.renderer = renderer;
        this.zone = zone;
    }

    /** The switch's choice (a cookie) first, then the browser's Accept-Language, then English. */
    public Messages messages(Context ctx) {
        String chosen = ctx.cookie(LANG_COOKIE);
        if (chosen != null && (chosen.equals("en") || chosen.equals("fr"))) {
            return new Messages(Locale.of(chosen), zone);
        }
        String header = ctx.header("Accept-Language");
        Locale locale = Locale.ENGLISH;
        if (header != null && !header.isBlank()) {
            try {
                Locale found = Locale.lookup(Locale.LanguageRange.parse(header), Messages.SUPPORTED);
                if (found != null) {
                    locale = found;
                }
            } catch (IllegalArgumentException malformed) {
                // A malformed header is the browser's problem; English it is.
            }
        }
        return new Messages(locale, zone);
    }

    public Ui ui(Context ctx) {
        ConsoleSession s = ctx.attribute(Guard.SESSION_ATTRIBUTE);
        var grants = ConsoleAccess.grants(ctx);
        return new Ui(messages(ctx), s == null ? null : s.admin(), s == null ? null : s.csrf(), ctx.path(),
                s == null ? List.of() : groups.list().stream().filter(g -> grants.seesGroup(g.id())).toList(),
                grants);
    }

    public Actor actor(Context ctx) {
        return new Actor(Guard.session(ctx).admin(), ctx.ip());
    }

    public void page(Context ctx, String template, Object view) {
        renderer.page(ctx, template, ui(ctx), view);
    }

    public String fragment(Context ctx, String template, Object view) {
        return renderer.render(template, ui(ctx), view);
    }

    /** A handler whose refusals become a page saying why, in the administrator's language. */
    public Handler safe(Handler handler) {
        return ctx -> {
            try {
                handler.handle(ctx);
            } catch (Rejected e) {
                int status = switch (e.kind()) {
                    case INVALID -> 400;
                    case NOT_FOUND -> 404;
                    case CONFLICT -> 409;
                    case GONE -> 410;
                };
                error(ctx, status, e.getMessage());
            } catch (ConsoleAccess.Forbidden e) {
                error(ctx, 403, e.getMessage());
            } catch (IllegalArgumentException e) {
                error(ctx, 400, e.getMessage());
            } catch (RuntimeException e) {
                LOG.error("console error on {} {}", ctx.method(), ctx.path(), e);
                error(ctx, 500, messages(ctx).m("error.internal"));
            }
        };
    }

    public void error(Context ctx, int status, String message) {
        ctx.status(status);
        page(ctx, "error", new ErrorView(status, message));
    }

    public record ErrorView(int status, String message) {
    }

    public static UUID uuid(String raw) {
        try {
            return UUID.fromString(raw.trim());
        } catch (RuntimeException e) {
            throw Rejected.notFound("'" + raw + "' is not an id");
        }
    }
}
