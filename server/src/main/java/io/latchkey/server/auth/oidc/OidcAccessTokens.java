package io.latchkey.server.auth.oidc;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.latchkey.core.admin.FederatedIdentity;
import io.latchkey.core.admin.FederatedTokens;
import io.latchkey.server.config.OidcSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.MalformedURLException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Checks OpenID Connect access tokens (RS256 JWTs, RFC 9068 shape): signature against the
 * provider's JWKS, issuer, audience, expiry and not-before with 60 s of clock skew, then maps the
 * roles claim to Latchkey role names. Refusals are logged by reason only, never with the token.
 */
public final class OidcAccessTokens implements FederatedTokens {
    private static final Logger LOG = LoggerFactory.getLogger(OidcAccessTokens.class);
    static final int CLOCK_SKEW_SECONDS = 60;
    /** Nimbus's default: an unknown kid refetches the JWKS at most this often, so junk tokens cannot flood the provider. */
    static final Duration DEFAULT_REFETCH_INTERVAL = Duration.ofSeconds(30);

    private final OidcSettings settings;
    private final HttpClient http;
    private final Duration refetchInterval;
    private volatile DefaultJWTProcessor<SecurityContext> processor;

    public OidcAccessTokens(OidcSettings settings) {
        this(settings, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build(), DEFAULT_REFETCH_INTERVAL);
    }

    OidcAccessTokens(OidcSettings settings, HttpClient http, Duration refetchInterval) {
        this.settings = settings;
        this.http = http;
        this.refetchInterval = refetchInterval;
    }

    @Override
    public Optional<FederatedIdentity> verify(String token) {
        JWTClaimsSet claims;
        try {
            claims = processor().process(token, null);
        } catch (Exception refused) {
            // the message names the failed check (expired, audience, signature); it never holds the token
            LOG.info("OIDC access token refused: {}", refused.getMessage());
            return Optional.empty();
        }
        Set<String> roles = mappedRoles(claims.getClaim(settings.rolesClaim()));
        if (roles.isEmpty()) {
            LOG.info("OIDC access token refused: no role in claim '{}' is mapped by oidc.role.map", settings.rolesClaim());
            return Optional.empty();
        }
        return Optional.of(new FederatedIdentity(claims.getIssuer(), claims.getSubject(), roles));
    }

    Set<String> mappedRoles(Object claim) {
        return RoleClaim.mapped(claim, settings.roleMap());
    }

    /** Built at the first token, not at start, so the server starts while the provider is down. */
    private DefaultJWTProcessor<SecurityContext> processor() throws MalformedURLException {
        DefaultJWTProcessor<SecurityContext> p = processor;
        if (p != null) {
            return p;
        }
        synchronized (this) {
            if (processor == null) {
                processor = build(OidcDiscovery.jwksUri(http, settings.issuer()));
            }
            return processor;
        }
    }

    private DefaultJWTProcessor<SecurityContext> build(URI jwksUri) throws MalformedURLException {
        // the cache answers known kids; an unknown kid (a rotated key) refetches, rate-limited
        JWKSource<SecurityContext> keys = JWKSourceBuilder.<SecurityContext>create(jwksUri.toURL())
                .cache(true).rateLimited(refetchInterval.toMillis()).retrying(false).build();
        DefaultJWTProcessor<SecurityContext> p = new DefaultJWTProcessor<>();
        p.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, new JOSEObjectType("at+jwt"), null));
        p.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(settings.audience(),
                new JWTClaimsSet.Builder().issuer(settings.issuer().toString()).build(), Set.of("sub", "exp", "iat"));
        claims.setMaxClockSkew(CLOCK_SKEW_SECONDS);
        p.setJWTClaimsSetVerifier(claims);
        return p;
    }
}
