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
 * a JWKS with one current RSA key (rotatable), and RS256 access tokens minted on demand. Tests use
 * it instead of Entra ID or Keycloak; it never authenticates anyone, it only signs what it is told.
 */
public final class SimulatedOidcProvider implements AutoCloseable {
    public static final String DEFAULT_ROLES_CLAIM = "roles";

    private final HttpServer server;
    private final String issuer;
    private final AtomicInteger jwksFetches = new AtomicInteger();
    private volatile RSAKey key;

    private SimulatedOidcProvider(HttpServer server) {
        this.server = server;
        this.issuer = "http://127.0.0.1:" + server.getAddress().getPort();
        this.key = newKey();
        server.createContext("/.well-known/openid-configuration", ex -> send(ex, discovery()));
        server.createContext("/jwks", ex -> {
            jwksFetches.incrementAndGet();
            send(ex, new JWKSet(key.toPublicJWK()).toString());
        });
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

    private String discovery() {
        return com.nimbusds.jose.util.JSONObjectUtils.toJSONString(Map.of(
                "issuer", issuer,
                "jwks_uri", issuer + "/jwks",
                "authorization_endpoint", issuer + "/authorize",
                "token_endpoint", issuer + "/token",
                "response_types_supported", List.of("code"),
                "subject_types_supported", List.of("public"),
                "id_token_signing_alg_values_supported", List.of("RS256")));
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
