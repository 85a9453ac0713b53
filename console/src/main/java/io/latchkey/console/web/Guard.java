package io.latchkey.console.web;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Runs before every console request: security headers, then the session check, then the CSRF
 * check on every POST. Pages and fragments are never cached, and the Content-Security-Policy
 * allows scripts and styles from this server only (htmx and console.js are files, never inline).
 */
public final class Guard {
    public static final String PREFIX = "/console";
    public static final String SESSION_COOKIE = "lk_console";
    /** Before sign-in there is no session: the login form's token is checked against this cookie. */
    public static final String LOGIN_COOKIE = "lk_login";
    /** Binds an OpenID Connect sign-in's state to the browser that started it, for the flow's few minutes. */
    public static final String OIDC_COOKIE = "lk_oidc";
    public static final String SESSION_ATTRIBUTE = "latchkey.console.session";
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private final Sessions sessions;
    private volatile ConsoleAccess access;

    public Guard(Sessions sessions) {
        this.sessions = sessions;
    }

    /** Checks roles and scopes; without it a signed-in admin is permitted nothing (fail closed). */
    public void access(ConsoleAccess consoleAccess) {
        this.access = consoleAccess;
    }

    public void handle(Context ctx) {
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        if (secure(ctx)) {
            // Browsers honour HSTS only over https, so a forged forwarded scheme over http changes nothing.
            ctx.header("Strict-Transport-Security", "max-age=31536000");
        }
        ctx.header("Referrer-Policy", "same-origin");
        String path = ctx.path();
        if (path.startsWith(PREFIX + "/static/")) {
            return;
        }
        ctx.header("Cache-Control", "no-store");
        boolean post = "POST".equals(ctx.method().name());
        if (path.equals(PREFIX + "/login/oidc") || path.equals(PREFIX + "/login/oidc/callback")) {
            // GET only: the flow's state and its browser-binding cookie stand in for the CSRF token
            // (OpenID Connect Core 1.0 section 3.1.2.1), checked by OpenIdSignIn.
            return;
        }
        if (path.equals(PREFIX + "/login") || path.equals(PREFIX + "/login/code") || path.equals(PREFIX + "/lang")) {
            if (post && !same(ctx.formParam("csrf"), ctx.cookie(LOGIN_COOKIE))) {
                refuse(ctx);
            }
            return;
        }
        Optional<ConsoleSession> session = sessions.find(ctx.cookie(SESSION_COOKIE));
        if (session.isEmpty()) {
            if (ctx.header("HX-Request") != null) {
                // htmx swaps fragments; tell it to load the sign-in page as a whole instead.
                ctx.header("HX-Redirect", PREFIX + "/login");
                ctx.status(401).result("");
            } else if (post) {
                ctx.status(403).html("<!doctype html><title>403</title><p>Forbidden</p>");
            } else {
                ctx.redirect(PREFIX + "/login");
            }
            ctx.skipRemainingHandlers();
            return;
        }
        if (post && !csrfMatches(ctx, session.get())) {
            refuse(ctx);
            return;
        }
        ctx.attribute(SESSION_ATTRIBUTE, session.get());
        ConsoleAccess a = access != null ? access
                : new ConsoleAccess((name, roles) -> io.latchkey.core.access.Grants.none(), null);
        a.admit(ctx, session.get());
    }

    private static boolean csrfMatches(Context ctx, ConsoleSession session) {
        String sent = ctx.header("X-CSRF-Token");
        if (sent == null) {
            sent = ctx.formParam("csrf");
        }
        return same(sent, session.csrf());
    }

    private static void refuse(Context ctx) {
        ctx.status(403).contentType("text/html; charset=utf-8")
                .result("<!doctype html><title>403</title><p>Forbidden: the form is missing its security token, "
                        + "or it expired. Go back, reload the page and try again.</p>");
        ctx.skipRemainingHandlers();
    }

    /** Constant-time comparison, so the token cannot be guessed a byte at a time from timings. */
    static boolean same(String a, String b) {
        if (a == null || b == null || a.isEmpty()) {
            return false;
        }
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The session cookie: HttpOnly, SameSite=Lax, Secure whenever the request came over TLS, to
     * Latchkey or to a TLS-terminating proxy in front of it (X-Forwarded-Proto).
     */
    public static Cookie cookie(Context ctx, String name, String value, int maxAgeSeconds) {
        Cookie c = new Cookie(name, value, PREFIX, maxAgeSeconds, secure(ctx), true, null, SameSite.LAX);
        c.setPath(PREFIX);
        c.setMaxAge(maxAgeSeconds);
        c.setHttpOnly(true);
        c.setSameSite(SameSite.LAX);
        c.setSecure(secure(ctx));
        return c;
    }

    static boolean secure(Context ctx) {
        // Trusting the forwarded scheme here is safe whoever sets it: it can only make the cookie
        // stricter (a forged "https" over plain http loses the forger their own session).
        return "https".equalsIgnoreCase(ctx.scheme()) || "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto"));
    }

    public static ConsoleSession session(Context ctx) {
        ConsoleSession s = ctx.attribute(SESSION_ATTRIBUTE);
        if (s == null) {
            throw new IllegalStateException("no console session on a signed-in route");
        }
        return s;
    }
}
