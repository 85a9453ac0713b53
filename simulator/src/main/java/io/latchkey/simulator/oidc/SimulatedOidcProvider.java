package io.latchkey.simulator.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local OpenID provider stand-in speaking the real protocol over HTTP: the discovery document,
 * a JWKS with one current RSA key (rotatable), RS256 access tokens minted on demand, and the
 * authorization code flow with PKCE for registered clients ({@link CodeFlowEndpoints}: a sign-in
 * page or auto-consent for the configured {@link Person}, the token endpoint, RP-initiated logout).
 * Tests use it instead of Entra ID or Keycloak; it never authenticates anyone, it signs in whoever
 * it is told to, and can be told to answer one bad ID token ({@link #nextIdToken}).
 */
public final class SimulatedOidcProvider implements AutoCloseable {
    public static final String DEFAULT_ROLES_CLAIM = "roles";

    private final HttpServer server;
    private final String issuer;
    private final AtomicInteger jwksFetches = new AtomicInteger();
    private final CodeFlowEndpoints flow = new CodeFlowEndpoints(this);
    private volatile RSAKey key;

    /** Who the sign-in page signs in: the subject, a display name and the values of the roles claim. */
    public record Person(String subject, String name, List<String> roles) {
        public Person {
            roles = roles == null ? null : List.copyOf(roles);
        }
    }

    private SimulatedOidcProvider(HttpServer server) {
        this.server = server;
        this.issuer = "http://127.0.0.1:" + server.getAddress().getPort();
        this.key = newKey();
        server.createContext("/.well-known/openid-configuration", ex -> send(ex, discovery()));
        server.createContext("/jwks", ex -> {
            jwksFetches.incrementAndGet();
            send(ex, new JWKSet(key.toPublicJWK()).toString());
        });
        server.createContext("/authorize", ex -> {
            if (ex.getRequestURI().getPath().equals("/authorize/consent")) {
                flow.consent(ex);
            } else {
                flow.authorize(ex);
            }
        });
        server.createContext("/token", flow::token);
        server.createContext("/logout", flow::logout);
        server.start();
    }

    /** Starts on a free loopback port. */
    public static SimulatedOidcProvider start() {
        try {
            return new SimulatedOidcProvider(HttpServer.create(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the OIDC provider stand-in", e);
        }
    }

    public String issuer() {
        return issuer;
    }

    /** How often the JWKS was fetched: lets tests prove caching and refetch on rotation. */
    public int jwksFetches() {
        return jwksFetches.get();
    }

    /** Replaces the signing key; the JWKS then publishes only the new one, as after a real rotation. */
    public void rotateKey() {
        key = newKey();
    }

    /**
     * Registers a relying party. {@code secret} null: a public client (the token request names it
     * by client_id and proves itself by PKCE alone); otherwise client_secret_basic or _post.
     */
    public SimulatedOidcProvider registerClient(String clientId, String secret, String redirectUri) {
        flow.register(new CodeFlowEndpoints.Client(clientId, secret, redirectUri));
        return this;
    }

    /** The person the next sign-ins are for. */
    public SimulatedOidcProvider signInAs(Person person) {
        flow.person.set(person);
        return this;
    }

    /** true: the authorization endpoint redirects back at once, as a provider with a live session does. */
    public SimulatedOidcProvider autoConsent(boolean on) {
        flow.autoConsent = on;
        return this;
    }

    /** The next token response carries an ID token wrong in this way (once). */
    public void nextIdToken(BadTokens.Fault fault) {
        flow.nextFault.set(fault);
    }

    /** The query parameters of the last authorization request, as the browser brought them. */
    public Map<String, String> lastAuthorization() {
        return flow.lastAuthorization.get();
    }

    public int tokenRequests() {
        return flow.tokenRequests.get();
    }

    public int logouts() {
        return flow.logouts.get();
    }

    /** A valid access token: this issuer, the audience, an hour's lifetime, the given roles. */
    public String accessToken(String audience, String subject, List<String> roles) {
        return sign(key, claims(audience, subject, roles).build());
    }

    /** Signs arbitrary claims with the current key, for tests shaping a token claim by claim. */
    public String sign(JWTClaimsSet claims) {
        return sign(key, claims);
    }

    /** Claims as {@link #accessToken} would set them, for a test to change one before {@link #sign}. */
    public JWTClaimsSet.Builder claims(String audience, String subject, List<String> roles) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(issuer).audience(audience).subject(subject)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofHours(1))))
                .jwtID(UUID.randomUUID().toString()).claim(DEFAULT_ROLES_CLAIM, roles);
    }

    static String sign(RSAKey signingKey, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signingKey.getKeyID())
                    .build(), claims);
            jwt.sign(new RSASSASigner(signingKey));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static RSAKey newKey() {
        try {
            return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** OpenID Connect Discovery 1.0 section 3. */
    private String discovery() {
        Map<String, Object> doc = new java.util.LinkedHashMap<>();
        doc.put("issuer", issuer);
        doc.put("jwks_uri", issuer + "/jwks");
        doc.put("authorization_endpoint", issuer + "/authorize");
        doc.put("token_endpoint", issuer + "/token");
        doc.put("end_session_endpoint", issuer + "/logout");
        doc.put("response_types_supported", List.of("code"));
        doc.put("subject_types_supported", List.of("public"));
        doc.put("id_token_signing_alg_values_supported", List.of("RS256"));
        doc.put("scopes_supported", List.of("openid", "profile"));
        doc.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post", "none"));
        doc.put("code_challenge_methods_supported", List.of("S256"));
        doc.put("claims_supported", List.of("sub", "iss", "aud", "exp", "iat", "nonce", "name", DEFAULT_ROLES_CLAIM));
        return com.nimbusds.jose.util.JSONObjectUtils.toJSONString(doc);
    }

    private static void send(HttpExchange ex, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(200, body.length);
        ex.getResponseBody().write(body);
        ex.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
