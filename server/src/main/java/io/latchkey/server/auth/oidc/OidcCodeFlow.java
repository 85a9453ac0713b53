package io.latchkey.server.auth.oidc;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.latchkey.core.admin.FederatedIdentity;
import io.latchkey.core.admin.OpenIdProvider;
import io.latchkey.server.config.OidcSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The console's side of the authorization code flow (OpenID Connect Core 1.0 section 3.1) at the
 * configured provider: endpoints from its discovery document, the code exchanged at its token
 * endpoint with the PKCE verifier (RFC 7636 section 4.5) and the client's authentication, and the
 * ID token validated as section 3.1.3.7 asks. Codes, tokens and the client secret are never logged.
 */
public final class OidcCodeFlow implements OpenIdProvider {
    private static final Logger LOG = LoggerFactory.getLogger(OidcCodeFlow.class);
    static final int CLOCK_SKEW_SECONDS = 60;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** Section 3.1.3.7 step 6: RS256 unless registered otherwise; never "none" or a MAC keyed by the secret. */
    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.PS256,
            JWSAlgorithm.ES256);

    private final OidcSettings settings;
    private final OidcSettings.Console client;
    private final HttpClient http;
    private volatile Wire wire;

    private record Wire(OidcDiscovery.Document doc, DefaultJWTProcessor<SecurityContext> idTokens) {
    }

    public OidcCodeFlow(OidcSettings settings) {
        this(settings, HttpClient.newBuilder().connectTimeout(TIMEOUT).build());
    }

    OidcCodeFlow(OidcSettings settings, HttpClient http) {
        this.settings = settings;
        this.client = settings.console();
        this.http = http;
    }

    @Override
    public String displayName() {
        return client.name();
    }

    @Override
    public URI authorizationUrl(AuthorizationRequest request) throws Refused {
        URI endpoint = wire().doc().authorization();
        if (endpoint == null) {
            throw new Refused("the discovery document names no authorization_endpoint");
        }
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", client.clientId());
        query.put("redirect_uri", request.redirectUri().toString());
        query.put("scope", String.join(" ", client.scopes()));
        query.put("state", request.state());
        query.put("nonce", request.nonce());
        query.put("code_challenge", request.codeChallenge());
        query.put("code_challenge_method", "S256");
        return with(endpoint, query);
    }

    @Override
    public Redeemed redeem(Redemption r) throws Refused {
        try {
            return check(r);
        } catch (Refused refused) {
            // the reason names the failed check; codes and tokens never reach it
            LOG.info("OIDC console sign-in refused: {}", refused.getMessage());
            throw refused;
        }
    }

    private Redeemed check(Redemption r) throws Refused {
        Wire w = wire();
        if (w.doc().token() == null) {
            throw new Refused("the discovery document names no token_endpoint");
        }
        String idToken = exchange(w.doc(), r);
        JWTClaimsSet claims;
        try {
            claims = w.idTokens().process(idToken, null);
        } catch (Exception refused) {
            // the message names the failed check (signature, audience, expired); it never holds the token
            throw new Refused("ID token refused: " + refused.getMessage());
        }
        checkNonceAndParty(claims, r.nonce());
        Set<String> roles = RoleClaim.mapped(claims.getClaim(settings.rolesClaim()), settings.roleMap());
        return new Redeemed(new FederatedIdentity(claims.getIssuer(), claims.getSubject(), roles), idToken);
    }

    @Override
    public Optional<URI> endSessionUrl(String idTokenHint, URI afterSignOut) {
        URI endpoint;
        try {
            endpoint = wire().doc().endSession();
        } catch (Refused unreachable) {
            return Optional.empty();
        }
        if (endpoint == null) {
            return Optional.empty();
        }
        // OpenID Connect RP-Initiated Logout 1.0 section 2
        Map<String, String> query = new LinkedHashMap<>();
        if (idTokenHint != null) {
            query.put("id_token_hint", idTokenHint);
        }
        query.put("client_id", client.clientId());
        query.put("post_logout_redirect_uri", afterSignOut.toString());
        return Optional.of(with(endpoint, query));
    }

    /** Token request, section 3.1.3.1, with the verifier; the answer's id_token (section 3.1.3.3). */
    private String exchange(OidcDiscovery.Document doc, Redemption r) throws Refused {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", r.code());
        form.put("redirect_uri", r.redirectUri().toString());
        form.put("code_verifier", r.codeVerifier());
        HttpRequest.Builder post = HttpRequest.newBuilder(doc.token()).timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json");
        if (client.clientSecret() == null) {
            form.put("client_id", client.clientId()); // a public client: PKCE is its proof (RFC 7636 section 1)
        } else if (doc.tokenAuthMethods().contains("client_secret_basic")) {
            // RFC 6749 section 2.3.1: both parts form-encoded before Basic
            String pair = enc(client.clientId()) + ":" + enc(client.clientSecret());
            post.header("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        } else {
            form.put("client_id", client.clientId());
            form.put("client_secret", client.clientSecret());
        }
        HttpResponse<String> response;
        try {
            response = http.send(post.POST(HttpRequest.BodyPublishers.ofString(encode(form))).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new Refused("the token endpoint could not be reached: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Refused("interrupted at the token endpoint");
        }
        Map<String, Object> body;
        try {
            body = JSONObjectUtils.parse(response.body());
        } catch (ParseException e) {
            throw new Refused("the token endpoint answered " + response.statusCode() + " without JSON");
        }
        if (response.statusCode() != 200) {
            // RFC 6749 section 5.2: the error code is a fixed word, safe to record
            Object error = body.get("error");
            throw new Refused("the token endpoint answered " + response.statusCode() + " "
                    + (error instanceof String s ? s.replaceAll("[^A-Za-z0-9_.-]", "") : "without an error code"));
        }
        Object idToken = body.get("id_token");
        if (!(idToken instanceof String s) || s.isBlank()) {
            throw new Refused("the token endpoint answered no id_token (is openid among oidc.console.scopes?)");
        }
        return s;
    }

    /** Section 3.1.3.7 steps 3-5 (azp) and 11 (nonce): what the shared claims verifier cannot know. */
    private void checkNonceAndParty(JWTClaimsSet claims, String nonce) throws Refused {
        Object sent = claims.getClaim("nonce");
        if (!(sent instanceof String s) || !java.security.MessageDigest.isEqual(
                s.getBytes(StandardCharsets.UTF_8), nonce.getBytes(StandardCharsets.UTF_8))) {
            throw new Refused("ID token refused: its nonce is not the one this sign-in sent");
        }
        Object azp = claims.getClaim("azp");
        List<String> audience = claims.getAudience();
        if (azp != null && !client.clientId().equals(azp)) {
            throw new Refused("ID token refused: it was issued to another party (azp)");
        }
        if (azp == null && audience.size() > 1) {
            throw new Refused("ID token refused: several audiences and no azp naming this client");
        }
    }

    /** Discovery at the first click, not at start, so the server starts while the provider is down. */
    private Wire wire() throws Refused {
        Wire w = wire;
        if (w != null) {
            return w;
        }
        synchronized (this) {
            if (wire == null) {
                try {
                    OidcDiscovery.Document doc = OidcDiscovery.fetch(http, settings.issuer());
                    wire = new Wire(doc, processor(doc.jwks()));
                } catch (IllegalStateException | MalformedURLException e) {
                    LOG.warn("OIDC console sign-in: {}", e.getMessage());
                    throw new Refused("the provider's discovery document could not be read", e);
                }
            }
            return wire;
        }
    }

    private DefaultJWTProcessor<SecurityContext> processor(URI jwks) throws MalformedURLException {
        JWKSource<SecurityContext> keys = JWKSourceBuilder.<SecurityContext>create(jwks.toURL())
                .cache(true).rateLimited(true).retrying(false).build();
        DefaultJWTProcessor<SecurityContext> p = new DefaultJWTProcessor<>();
        // the default type check: "JWT" or none, so an access token (at+jwt) is not taken for an ID token
        p.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, keys));
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(client.clientId(),
                new JWTClaimsSet.Builder().issuer(settings.issuer().toString()).build(),
                Set.of("sub", "exp", "iat", "aud"));
        claims.setMaxClockSkew(CLOCK_SKEW_SECONDS);
        p.setJWTClaimsSetVerifier(claims);
        return p;
    }

    private static URI with(URI endpoint, Map<String, String> query) {
        String base = endpoint.toString();
        return URI.create(base + (endpoint.getRawQuery() == null ? "?" : "&") + encode(query));
    }

    private static String encode(Map<String, String> values) {
        return values.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
