package io.latchkey.console.pages;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.latchkey.console.web.ConsoleSession;
import io.latchkey.console.web.Guard;
import io.latchkey.console.web.Web;
import io.latchkey.core.admin.OpenIdProvider;
import io.latchkey.core.admin.OpenIdSignIn;

import java.net.URI;
import java.util.Optional;

/**
 * "Sign in with …": the browser's two legs of the OpenID Connect authorization code flow.
 * {@code GET /console/login/oidc} starts a flow ({@link OpenIdSignIn} makes state, nonce and PKCE
 * verifier), sets the short-lived browser-binding cookie and sends the browser to the provider;
 * {@code GET /console/login/oidc/callback} hands the provider's answer back to {@link OpenIdSignIn}
 * and opens a session exactly as a password sign-in does, or shows the sign-in page saying why not.
 */
public final class OidcLoginPage {
    /** The callback path, to register at the provider as {@code https://<host>/console/login/oidc/callback}. */
    public static final String CALLBACK = Guard.PREFIX + "/login/oidc/callback";

    /**
     * What the sign-in page offers when a provider is configured.
     *
     * @param passwordOnlyFor null: every local account may sign in with a password; otherwise only this one
     */
    record Offer(String provider, String passwordOnlyFor, OidcLoginPage page) {
    }

    private final Web web;
    private final OpenIdSignIn signIn;
    private final LoginPage login;
    private final URI redirect;

    /**
     * @param redirect        the registered callback URL; null derives it from each request's scheme and Host
     * @param passwordOnlyFor null, or the one administrator still allowed a password (break glass)
     */
    public OidcLoginPage(Web web, OpenIdSignIn signIn, LoginPage login, URI redirect, String passwordOnlyFor) {
        this.web = web;
        this.signIn = signIn;
        this.login = login;
        this.redirect = redirect;
        login.offer(new Offer(signIn.providerName(), passwordOnlyFor, this));
    }

    /** {@code GET /console/login/oidc}. */
    public void begin(Context ctx) {
        OpenIdSignIn.Started started;
        try {
            started = signIn.start(redirect(ctx));
        } catch (OpenIdProvider.Refused unreachable) {
            login.refused(ctx, HttpStatus.BAD_GATEWAY, web.messages(ctx).m("login.oidc.unavailable",
                    signIn.providerName()));
            return;
        }
        int seconds = (int) OpenIdSignIn.FLOW_LIFETIME.toSeconds();
        ctx.cookie(Guard.cookie(ctx, Guard.OIDC_COOKIE, started.browserBinding(), seconds));
        ctx.redirect(started.authorizationUrl().toString(), HttpStatus.SEE_OTHER);
    }

    /** {@code GET /console/login/oidc/callback?code=…&state=…} (or {@code ?error=…&state=…}). */
    public void callback(Context ctx) {
        String binding = ctx.cookie(Guard.OIDC_COOKIE);
        ctx.cookie(Guard.cookie(ctx, Guard.OIDC_COOKIE, "", 0));
        OpenIdSignIn.Outcome outcome = signIn.finish(new OpenIdSignIn.Callback(ctx.queryParam("state"), binding,
                ctx.queryParam("code"), ctx.queryParam("error")), ctx.ip());
        switch (outcome) {
            case OpenIdSignIn.SignedIn s -> login.open(ctx, s.identity().admin(),
                    new ConsoleSession.Federated(s.identity().roles(), s.idToken()));
            case OpenIdSignIn.Refused r -> {
                String key = switch (r.reason()) {
                    case STALE -> "login.oidc.stale";
                    case PROVIDER_DECLINED -> "login.oidc.declined";
                    case NOT_VERIFIED -> "login.oidc.notVerified";
                    case NO_ROLE -> "login.oidc.noRole";
                };
                HttpStatus status = r.reason() == OpenIdSignIn.Reason.NO_ROLE ? HttpStatus.FORBIDDEN
                        : HttpStatus.UNAUTHORIZED;
                login.refused(ctx, status, web.messages(ctx).m(key, signIn.providerName()));
            }
        }
    }

    /**
     * After the local session ended: when the provider advertises an end_session_endpoint, a page
     * that sends the browser there (OpenID Connect RP-Initiated Logout 1.0) and back to sign-in.
     * A page, not a redirect: the sign-out form's CSP ({@code form-action 'self'}) forbids
     * redirecting its submission to another origin.
     */
    boolean signOutAtProvider(Context ctx, ConsoleSession.Federated federated) {
        Optional<URI> url = signIn.signOutUrl(federated.idToken(), redirect(ctx).resolve(Guard.PREFIX + "/login"));
        if (url.isEmpty()) {
            return false;
        }
        ctx.header("Refresh", "0; url=" + url.get());
        web.page(ctx, "signedOut", new SignedOutView(signIn.providerName(), url.get().toString()));
        return true;
    }

    public record SignedOutView(String provider, String url) {
    }

    private URI redirect(Context ctx) {
        if (redirect != null) {
            return redirect;
        }
        // Unregistered at the provider unless it is this server's real address, so a forged Host
        // header only makes the provider refuse the flow.
        String scheme = "https".equalsIgnoreCase(ctx.scheme())
                || "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto")) ? "https" : "http";
        return URI.create(scheme + "://" + ctx.host() + CALLBACK);
    }
}
