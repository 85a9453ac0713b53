package io.latchkey.core.admin;

import io.latchkey.core.audit.AuditEvent;
import io.latchkey.core.audit.AuditLog;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Console sign-in through an OpenID Connect provider: the authorization code flow of OpenID
 * Connect Core 1.0 section 3.1 with PKCE S256 (RFC 7636). {@link #start} makes the one-time
 * values — {@code state} (CSRF, section 3.1.2.1), {@code nonce} (replay of an ID token, section
 * 3.1.3.7 step 11), the PKCE verifier — and a browser binding the surface puts in a short-lived
 * cookie; {@link #finish} accepts a callback once, only from that browser, only in time, and only
 * for an identity whose roles claim maps to at least one Latchkey role. Every outcome is audited.
 * Flows in progress live in this node's memory, like console sessions.
 */
public final class OpenIdSignIn {
    /** Time from the click to the provider's callback: enough to type a password and a second factor. */
    public static final Duration FLOW_LIFETIME = Duration.ofMinutes(10);
    /** Unauthenticated clicks cost memory: the oldest flow is dropped beyond this many. */
    static final int MAX_FLOWS = 20_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Where the browser goes next, and the value its short-lived cookie must carry back. */
    public record Started(URI authorizationUrl, String browserBinding) {
    }

    /** What came back to the redirect URI (query parameters) and the browser's cookie. */
    public record Callback(String state, String browserBinding, String code, String error) {
    }

    public sealed interface Outcome permits SignedIn, Refused {
    }

    /** @param idToken for {@code id_token_hint} at sign-out; never logged */
    public record SignedIn(AdminIdentity identity, String idToken) implements Outcome {
        @Override
        public String toString() {
            return "SignedIn[" + identity.admin().name() + "]";
        }
    }

    public record Refused(Reason reason) implements Outcome {
    }

    /** Why, in words a page can show; the audit entry carries the detail. */
    public enum Reason {
        /** Unknown, used, expired state, or a callback from another browser. */
        STALE,
        /** The provider answered an error (the user cancelled, consent denied). */
        PROVIDER_DECLINED,
        /** The code or the ID token failed a check, or the provider could not be reached. */
        NOT_VERIFIED,
        /** A valid identity with no role of {@code oidc.role.map}. */
        NO_ROLE
    }

    private record Flow(String bindingHash, String nonce, String verifier, URI redirectUri, Instant until) {
    }

    private final OpenIdProvider provider;
    private final FederatedAdmins admins;
    private final AuditLog audit;
    private final Clock clock;
    private final Map<String, Flow> flows = new LinkedHashMap<>();

    public OpenIdSignIn(OpenIdProvider provider, FederatedAdmins admins, AuditLog audit, Clock clock) {
        this.provider = provider;
        this.admins = admins;
        this.audit = audit;
        this.clock = clock;
    }

    public String providerName() {
        return provider.displayName();
    }

    /** @param redirectUri this server's callback, registered at the provider */
    public Started start(URI redirectUri) throws OpenIdProvider.Refused {
        String state = random();
        String nonce = random();
        String verifier = random(); // 43 characters: RFC 7636 section 4.1 asks for 43 to 128
        String binding = random();
        URI url = provider.authorizationUrl(new OpenIdProvider.AuthorizationRequest(redirectUri, state, nonce,
                challenge(verifier)));
        Instant now = clock.instant();
        synchronized (flows) {
            flows.values().removeIf(f -> f.until().isBefore(now));
            Iterator<String> oldest = flows.keySet().iterator();
            while (flows.size() >= MAX_FLOWS && oldest.hasNext()) {
                oldest.next();
                oldest.remove();
            }
            flows.put(state, new Flow(sha256(binding), nonce, verifier, redirectUri, now.plus(FLOW_LIFETIME)));
        }
        return new Started(url, binding);
    }

    /** @param address the client's address, for the audit entry */
    public Outcome finish(Callback callback, String address) {
        Flow flow;
        synchronized (flows) {
            // removed before anything is checked: a state is good for one callback, right or wrong
            flow = callback.state() == null ? null : flows.remove(callback.state());
        }
        if (flow == null || flow.until().isBefore(clock.instant())) {
            return refuse(address, Reason.STALE, "unknown, used or expired state");
        }
        if (callback.browserBinding() == null
                || !MessageDigest.isEqual(bytes(flow.bindingHash()), bytes(sha256(callback.browserBinding())))) {
            return refuse(address, Reason.STALE, "state not issued to this browser");
        }
        if (callback.error() != null) {
            return refuse(address, Reason.PROVIDER_DECLINED, "the provider answered " + clip(callback.error()));
        }
        if (callback.code() == null || callback.code().isBlank()) {
            return refuse(address, Reason.NOT_VERIFIED, "no code in the callback");
        }
        OpenIdProvider.Redeemed redeemed;
        try {
            redeemed = provider.redeem(new OpenIdProvider.Redemption(callback.code(), flow.redirectUri(),
                    flow.verifier(), flow.nonce()));
        } catch (OpenIdProvider.Refused e) {
            return refuse(address, Reason.NOT_VERIFIED, clip(e.getMessage()));
        }
        FederatedIdentity id = redeemed.identity();
        String who = FederatedAdmins.nameOf(id);
        if (id.roles().isEmpty()) {
            record(who, address, "admin.signin.failed", "console: OpenID Connect: no role of the provider's claim "
                    + "is mapped by oidc.role.map");
            return new Refused(Reason.NO_ROLE);
        }
        AdminIdentity identity = admins.admit(id);
        record(identity.admin().name(), address, "admin.signin", "console: OpenID Connect with roles "
                + String.join(",", id.roles().stream().sorted().toList()));
        return new SignedIn(identity, redeemed.idToken());
    }

    /** Where to end the provider's session too (RP-initiated logout), when it advertises an endpoint. */
    public Optional<URI> signOutUrl(String idTokenHint, URI afterSignOut) {
        return provider.endSessionUrl(idTokenHint, afterSignOut);
    }

    /** BASE64URL(SHA-256(ASCII(verifier))), the S256 method of RFC 7636 section 4.2. */
    static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Refused refuse(String address, Reason reason, String detail) {
        record("?", address, "admin.signin.failed", "console: OpenID Connect: " + detail);
        return new Refused(reason);
    }

    private void record(String actor, String address, String action, String detail) {
        audit.append(new AuditEvent(UUID.randomUUID(), clock.instant(), actor, address, action, "admin", actor,
                detail));
    }

    private static String random() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static String sha256(String s) {
        return challenge(s);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** Provider-sent text ends up in the audit log: bounded, one line. */
    private static String clip(String s) {
        String one = s == null ? "" : s.replaceAll("[\\r\\n\\t]", " ");
        return one.length() > 200 ? one.substring(0, 200) : one;
    }
}
