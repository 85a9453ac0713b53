package io.latchkey.console.pages;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.latchkey.console.web.ConsoleSession;
import io.latchkey.console.web.Guard;
import io.latchkey.console.web.Sessions;
import io.latchkey.console.web.Web;
import io.latchkey.core.admin.Admin;
import io.latchkey.core.admin.SignIn;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sign-in with a local administrator account: the password, then the TOTP code when the account
 * has a second factor. {@link SignIn} throttles, locks out and audits; every refusal shows the
 * same message. Sign-out, and the language switch. No password or code is ever logged.
 */
public final class LoginPage {
    /** Time to type the code after the password was accepted. */
    static final Duration CODE_STEP = Duration.ofMinutes(5);

    private final Web web;
    private final SignIn signIn;
    private final Sessions sessions;
    private final Clock clock;
    /**
     * Password accepted, code awaited: in this node's memory like the sessions themselves. The
     * ticket is random and single-use; a wrong code sends the administrator back to the password.
     */
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    private record Pending(Admin admin, Instant until) {
    }

    public LoginPage(Web web, SignIn signIn, Sessions sessions, Clock clock) {
        this.web = web;
        this.signIn = signIn;
        this.sessions = sessions;
        this.clock = clock;
    }

    /**
     * {@code ticket} non-null: the second step, asking for the code. {@code provider} non-null:
     * the "Sign in with …" button of the OpenID Connect provider is shown too.
     */
    public record View(String csrf, String name, String error, String ticket, String provider) {
    }

    /** Set once at wiring when the console signs in through an OpenID Connect provider. */
    private volatile OidcLoginPage.Offer offer;

    void offer(OidcLoginPage.Offer offer) {
        this.offer = offer;
    }

    public void form(Context ctx) {
        render(ctx, "", null, null);
    }

    public void signIn(Context ctx) {
        String name = ctx.formParam("name") == null ? "" : ctx.formParam("name").trim();
        OidcLoginPage.Offer o = offer;
        if (o != null && o.passwordOnlyFor() != null && !o.passwordOnlyFor().equals(name)) {
            // oidc.console.local.signin=false: passwords stay only for the break-glass administrator
            ctx.status(HttpStatus.FORBIDDEN);
            render(ctx, name, web.messages(ctx).m("login.local.reserved", o.provider()), null);
            return;
        }
        SignIn.Outcome outcome = signIn.password(name, ctx.formParam("password"), ctx.ip(), "console");
        switch (outcome) {
            case SignIn.SignedIn s -> open(ctx, s.admin());
            case SignIn.CodeRequired c -> {
                Instant now = clock.instant();
                pending.values().removeIf(p -> p.until().isBefore(now));
                String ticket = Sessions.token();
                pending.put(ticket, new Pending(c.admin(), now.plus(CODE_STEP)));
                render(ctx, c.admin().name(), null, ticket);
            }
            case SignIn.Refused r -> refuse(ctx, name);
        }
    }

    /** {@code POST /console/login/code}: the TOTP code for a ticket the password step gave. */
    public void code(Context ctx) {
        String ticket = ctx.formParam("ticket");
        Pending p = ticket == null ? null : pending.remove(ticket);
        if (p == null || p.until().isBefore(clock.instant())) {
            refuse(ctx, "");
            return;
        }
        SignIn.Outcome outcome = signIn.code(p.admin(), ctx.formParam("code"), ctx.ip(), "console");
        if (outcome instanceof SignIn.SignedIn s) {
            open(ctx, s.admin());
        } else {
            refuse(ctx, p.admin().name());
        }
    }

    public void signOut(Context ctx) {
        ConsoleSession ending = ctx.attribute(Guard.SESSION_ATTRIBUTE);
        sessions.close(ctx.cookie(Guard.SESSION_COOKIE));
        ctx.cookie(Guard.cookie(ctx, Guard.SESSION_COOKIE, "", 0));
        OidcLoginPage.Offer o = offer;
        if (o != null && ending != null && ending.federated() != null) {
            ctx.attribute(Guard.SESSION_ATTRIBUTE, null);
            if (o.page().signOutAtProvider(ctx, ending.federated())) {
                return;
            }
        }
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

    private void open(Context ctx, Admin admin) {
        open(ctx, admin, null);
    }

    /** A new session (a new id: no fixation), any earlier one of this browser ended. */
    void open(Context ctx, Admin admin, ConsoleSession.Federated federated) {
        sessions.close(ctx.cookie(Guard.SESSION_COOKIE));
        ConsoleSession s = sessions.open(admin.name(), federated);
        ctx.cookie(Guard.cookie(ctx, Guard.SESSION_COOKIE, s.id(), -1));
        ctx.cookie(Guard.cookie(ctx, Guard.LOGIN_COOKIE, "", 0));
        ctx.redirect("/console", HttpStatus.SEE_OTHER);
    }

    /** One message for a wrong name, password or code and a locked account: nothing to enumerate. */
    private void refuse(Context ctx, String name) {
        ctx.status(HttpStatus.UNAUTHORIZED);
        render(ctx, name, web.messages(ctx).m("login.failed"), null);
    }

    /** The sign-in page again, saying why the provider's sign-in did not open a session. */
    void refused(Context ctx, HttpStatus status, String error) {
        ctx.status(status);
        render(ctx, "", error, null);
    }

    private void render(Context ctx, String name, String error, String ticket) {
        String token = Sessions.token();
        ctx.cookie(Guard.cookie(ctx, Guard.LOGIN_COOKIE, token, 3600));
        OidcLoginPage.Offer o = offer;
        web.page(ctx, "login", new View(token, name, error, ticket, o == null ? null : o.provider()));
    }
}
