package io.latchkey.server.auth.oidc;

import com.nimbusds.jose.util.JSONObjectUtils;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Reads the provider's discovery document (OpenID Connect Discovery 1.0 section 4). The document
 * must name the configured issuer exactly (section 4.3): otherwise a provider could hand out keys
 * for another.
 */
final class OidcDiscovery {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /**
     * What a relying party needs from the document (Discovery section 3).
     *
     * @param endSession       null when the provider does not advertise RP-initiated logout
     * @param tokenAuthMethods {@code token_endpoint_auth_methods_supported}; absent means client_secret_basic
     */
    record Document(URI issuer, URI jwks, URI authorization, URI token, URI endSession, List<String> tokenAuthMethods) {
    }

    private OidcDiscovery() {
    }

    static URI jwksUri(HttpClient http, URI issuer) {
        return fetch(http, issuer).jwks();
    }

    static Document fetch(HttpClient http, URI issuer) {
        String base = issuer.toString().endsWith("/") ? issuer.toString() : issuer + "/";
        URI location = URI.create(base + ".well-known/openid-configuration");
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(location).timeout(TIMEOUT)
                    .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("discovery document " + location + " answered " + response.statusCode());
            }
            Map<String, Object> doc = JSONObjectUtils.parse(response.body());
            String named = JSONObjectUtils.getString(doc, "issuer");
            if (!issuer.toString().equals(named)) {
                throw new IllegalStateException("discovery document " + location + " names issuer " + named
                        + ", not the configured " + issuer);
            }
            URI jwks = JSONObjectUtils.getURI(doc, "jwks_uri");
            if (jwks == null) {
                throw new IllegalStateException("discovery document " + location + " has no jwks_uri");
            }
            String[] methods = JSONObjectUtils.getStringArray(doc, "token_endpoint_auth_methods_supported");
            return new Document(issuer, jwks, JSONObjectUtils.getURI(doc, "authorization_endpoint"),
                    JSONObjectUtils.getURI(doc, "token_endpoint"), JSONObjectUtils.getURI(doc, "end_session_endpoint"),
                    methods == null ? List.of("client_secret_basic") : List.of(methods));
        } catch (IOException | ParseException e) {
            throw new IllegalStateException("cannot read the discovery document " + location + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted reading " + location, e);
        }
    }
}
