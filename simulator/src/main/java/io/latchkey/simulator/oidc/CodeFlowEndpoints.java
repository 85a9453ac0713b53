package io.latchkey.simulator.oidc;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The stand-in's authorization code flow (OpenID Connect Core 1.0 section 3.1): the authorization
 * endpoint (a one-button sign-in page, or auto-consent), the token endpoint (client authentication,
 * single-use codes, the PKCE verifier checked as RFC 7636 section 4.6 says) and RP-initiated logout.
 */
final class CodeFlowEndpoints {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration CODE_LIFETIME = Duration.ofMinutes(1);

    record Client(String id, String secret, String redirectUri) {
    }

    private record Grant(String clientId, String redirectUri, String challenge, String nonce,
                         SimulatedOidcProvider.Person person, Instant until) {
    }

    private record Ticket(Map<String, String> request, SimulatedOidcProvider.Person person) {
    }

    private final SimulatedOidcProvider provider;
    private final Map<String, Client> clients = new ConcurrentHashMap<>();
    private final Map<String, Grant> codes = new ConcurrentHashMap<>();
    private final Map<String, Ticket> tickets = new ConcurrentHashMap<>();
    final AtomicReference<SimulatedOidcProvider.Person> person = new AtomicReference<>();
    final AtomicReference<BadTokens.Fault> nextFault = new AtomicReference<>();
    final AtomicReference<Map<String, String>> lastAuthorization = new AtomicReference<>(Map.of());
    volatile boolean autoConsent;
    final AtomicInteger tokenRequests = new AtomicInteger();
    final AtomicInteger logouts = new AtomicInteger();

    CodeFlowEndpoints(SimulatedOidcProvider provider) {
        this.provider = provider;
    }

    void register(Client client) {
        clients.put(client.id(), client);
    }

    /** GET /authorize (section 3.1.2.1). */
    void authorize(HttpExchange ex) throws IOException {
        Map<String, String> q = params(ex.getRequestURI().getRawQuery());
        lastAuthorization.set(Map.copyOf(q));
        Client client = clients.get(q.getOrDefault("client_id", ""));
        // Section 3.1.2.6 / RFC 6749 4.1.2.1: an unknown client or redirect is never redirected to.
        if (client == null || !client.redirectUri().equals(q.get("redirect_uri"))) {
            page(ex, 400, "<p>Unknown client or unregistered redirect_uri.</p>");
            return;
        }
        String error = !"code".equals(q.get("response_type")) ? "unsupported_response_type"
                : !(" " + q.getOrDefault("scope", "") + " ").contains(" openid ") ? "invalid_scope"
                : q.get("code_challenge") == null || !"S256".equals(q.get("code_challenge_method")) ? "invalid_request"
                : null;
        if (error != null) {
            back(ex, client.redirectUri(), Map.of("error", error), q.get("state"));
            return;
        }
        SimulatedOidcProvider.Person who = person.get();
        if (autoConsent) {
            back(ex, client.redirectUri(), Map.of("code", issue(client, q, who)), q.get("state"));
            return;
        }
        String ticket = random();
        tickets.put(ticket, new Ticket(q, who));
        page(ex, 200, "<h1>Test IdP</h1><p>Sign in to <b>" + html(client.id()) + "</b></p>"
                + "<p><a id=\"consent\" class=\"btn\" href=\"/authorize/consent?ticket=" + ticket + "\">Continue as "
                + html(who.name()) + "</a></p><p><a id=\"cancel\" href=\"/authorize/consent?cancel=1&ticket=" + ticket
                + "\">Cancel</a></p>");
    }

    /** GET /authorize/consent: the person clicked a button on the sign-in page. */
    void consent(HttpExchange ex) throws IOException {
        Map<String, String> q = params(ex.getRequestURI().getRawQuery());
        Ticket t = tickets.remove(q.getOrDefault("ticket", ""));
        if (t == null) {
            page(ex, 400, "<p>This sign-in page expired.</p>");
            return;
        }
        Client client = clients.get(t.request().get("client_id"));
        Map<String, String> answer = q.containsKey("cancel") ? Map.of("error", "access_denied")
                : Map.of("code", issue(client, t.request(), t.person()));
        back(ex, client.redirectUri(), answer, t.request().get("state"));
    }

    /** POST /token (section 3.1.3.1). */
    void token(HttpExchange ex) throws IOException {
        tokenRequests.incrementAndGet();
        Map<String, String> form = params(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String clientId = form.get("client_id");
        String secret = form.get("client_secret");
        String basic = ex.getRequestHeaders().getFirst("Authorization");
        if (basic != null && basic.startsWith("Basic ")) {
            String pair = new String(Base64.getDecoder().decode(basic.substring(6)), StandardCharsets.UTF_8);
            int colon = pair.indexOf(':');
            clientId = URLDecoder.decode(pair.substring(0, Math.max(colon, 0)), StandardCharsets.UTF_8);
            secret = URLDecoder.decode(pair.substring(colon + 1), StandardCharsets.UTF_8);
        }
        Client client = clientId == null ? null : clients.get(clientId);
        if (client == null || client.secret() != null && !client.secret().equals(secret)) {
            json(ex, 401, Map.of("error", "invalid_client"));
            return;
        }
        if (!"authorization_code".equals(form.get("grant_type"))) {
            json(ex, 400, Map.of("error", "unsupported_grant_type"));
            return;
        }
        Grant grant = codes.remove(form.getOrDefault("code", "")); // single use, right or wrong
        String verifier = form.get("code_verifier");
        if (grant == null || grant.until().isBefore(Instant.now()) || !grant.clientId().equals(client.id())
                || !grant.redirectUri().equals(form.get("redirect_uri"))
                || verifier == null || !s256(verifier).equals(grant.challenge())) {
            json(ex, 400, Map.of("error", "invalid_grant"));
            return;
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("access_token", provider.accessToken(client.id(), grant.person().subject(), grant.person().roles()));
        answer.put("token_type", "Bearer");
        answer.put("expires_in", 3600);
        answer.put("id_token", idToken(client, grant));
        json(ex, 200, answer);
    }

    /** GET /logout: OpenID Connect RP-Initiated Logout 1.0, back only to the client's own origin. */
    void logout(HttpExchange ex) throws IOException {
        logouts.incrementAndGet();
        Map<String, String> q = params(ex.getRequestURI().getRawQuery());
        Client client = clients.get(q.getOrDefault("client_id", ""));
        String after = q.get("post_logout_redirect_uri");
        if (client != null && after != null && sameOrigin(URI.create(after), URI.create(client.redirectUri()))) {
            ex.getResponseHeaders().set("Location", after);
            ex.sendResponseHeaders(302, -1);
            ex.close();
            return;
        }
        page(ex, 200, "<p>You are signed out of the Test IdP.</p>");
    }

    private String idToken(Client client, Grant grant) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = provider.claims(client.id(), grant.person().subject(), grant.person().roles())
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(5)))).claim("azp", client.id())
                .claim("auth_time", now.getEpochSecond()).claim("nonce", grant.nonce())
                .claim("name", grant.person().name()).claim("preferred_username", grant.person().subject());
        BadTokens.Fault fault = nextFault.getAndSet(null);
        return fault == null ? provider.sign(claims.build()) : BadTokens.spoil(provider, claims, fault);
    }

    private String issue(Client client, Map<String, String> request, SimulatedOidcProvider.Person who) {
        String code = random();
        codes.put(code, new Grant(client.id(), client.redirectUri(), request.get("code_challenge"), request.get("nonce"),
                Objects.requireNonNull(who, "no person configured: call signInAs"), Instant.now().plus(CODE_LIFETIME)));
        return code;
    }

    private static void back(HttpExchange ex, String redirectUri, Map<String, String> answer, String state)
            throws IOException {
        Map<String, String> all = new LinkedHashMap<>(answer);
        if (state != null) {
            all.put("state", state);
        }
        StringBuilder url = new StringBuilder(redirectUri).append(redirectUri.contains("?") ? '&' : '?');
        all.forEach((k, v) -> url.append(enc(k)).append('=').append(enc(v)).append('&'));
        url.setLength(url.length() - 1);
        ex.getResponseHeaders().set("Location", url.toString());
        ex.sendResponseHeaders(302, -1);
        ex.close();
    }

    static String s256(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean sameOrigin(URI a, URI b) {
        return Objects.equals(a.getScheme(), b.getScheme()) && Objects.equals(a.getHost(), b.getHost())
                && a.getPort() == b.getPort();
    }

    static Map<String, String> params(String raw) {
        Map<String, String> m = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return m;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            m.putIfAbsent(k, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return m;
    }

    private static void json(HttpExchange ex, int status, Map<String, Object> body) throws IOException {
        byte[] bytes = JSONObjectUtils.toJSONString(body).getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    private static void page(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = ("<!doctype html><html><head><meta charset=\"utf-8\"><title>Test IdP</title><style>"
                + "body{font-family:sans-serif;max-width:28rem;margin:4rem auto}.btn{display:inline-block;"
                + "padding:.5rem 1rem;background:#5b21b6;color:#fff;border-radius:6px;text-decoration:none}"
                + "</style></head><body>" + body + "</body></html>").getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    private static String html(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String random() {
        byte[] b = new byte[24];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
