package io.latchkey.console.pages;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.latchkey.console.web.ConsoleSession;
import io.latchkey.console.web.Guard;
import io.latchkey.console.web.Sessions;
import io.latchkey.console.web.Web;
import io.latchkey.core.admin.Admin;
import io.latchkey.core.admin.AdminAccounts;
import io.latchkey.core.audit.AuditEvent;
import io.latchkey.core.audit.AuditLog;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

/**
 * Sign-in with a local administrator account and its password, sign-out, and the language
 * switch. Failed and successful sign-ins are audited; the password is never logged.
 */
public final class LoginPage {
    private final Web web;
    private final AdminAccounts accounts;
    private final Sessions sessions;
    private final AuditLog audit;
    private final Clock clock;

    public LoginPage(Web web, AdminAccounts accounts, Sessions sessions, AuditLog audit, Clock clock) {
        this.web = web;
        this.accounts = accounts;
        this.sessions = sessions;
        this.audit = audit;
        this.clock = clock;
    }

    public record View(String csrf, String name, String error) {
    }

    public void form(Context ctx) {
        render(ctx, "", null);
    }

    public void signIn(Context ctx) {
        String name = ctx.formParam("name") == null ? "" : ctx.formParam("name").trim();
        Optional<Admin> admin = accounts.byPassword(name, ctx.formParam("password"));
        if (admin.isEmpty()) {
            audit.append(new AuditEvent(UUID.randomUUID(), clock.instant(), name.isEmpty() ? "?" : name, ctx.ip(),
                    "console.signin.failed", "admin", name, ""));
            ctx.status(HttpStatus.UNAUTHORIZED);
            render(ctx, name, web.messages(ctx).m("login.failed"));
            return;
        }
        ConsoleSession s = sessions.open(admin.get().name());
        audit.append(new AuditEvent(UUID.randomUUID(), clock.instant(), s.admin(), ctx.ip(), "console.signin",
                "admin", s.admin(), ""));
        ctx.cookie(Guard.cookie(ctx, Guard.SESSION_COOKIE, s.id(), -1));
        ctx.cookie(Guard.cookie(ctx, Guard.LOGIN_COOKIE, "", 0));
        ctx.redirect("/console", HttpStatus.SEE_OTHER);
    }

    public void signOut(Context ctx) {
        sessions.close(ctx.cookie(Guard.SESSION_COOKIE));
        ctx.cookie(Guard.cookie(ctx, Guard.SESSION_COOKIE, "", 0));
        ctx.redirect("/console/login", HttpStatus.SEE_OTHER);
    }

    /** {@code GET /console/lang?to=fr&back=/console/...}: remembers the choice, goes back to the page. */
    public void language(Context ctx) {
        String to = ctx.queryParam("to");
        if ("en".equals(to) || "fr".equals(to)) {
            ctx.cookie(Guard.cookie(ctx, Web.LANG_COOKIE, to, 365 * 24 * 3600));
        }
        String back = ctx.queryParam("back");
        // Only back into the console: never an open redirect to another site.
        boolean local = back != null && back.startsWith("/console") && !back.startsWith("//") && !back.contains("\\");
        ctx.redirect(local ? back : "/console", HttpStatus.SEE_OTHER);
    }

    private void render(Context ctx, String name, String error) {
        String token = Sessions.token();
        ctx.cookie(Guard.cookie(ctx, Guard.LOGIN_COOKIE, token, 3600));
        web.page(ctx, "login", new View(token, name, error));
    }
}
