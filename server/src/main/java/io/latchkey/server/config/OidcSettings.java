package io.latchkey.server.config;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where OpenID Connect identities come from and what they must say to reach the API or the console.
 *
 * @param issuer     the provider's issuer URL; its discovery document names the JWKS and endpoints
 * @param audience   a value an API access token's {@code aud} must contain (the API's identifier at the
 *                   provider); null when only the console signs in through the provider (API JWTs refused)
 * @param rolesClaim the claim listing the provider's groups or roles
 * @param roleMap    provider role → Latchkey role name; a token with none of these keys is refused
 * @param console    console sign-in through the provider; null when not configured
 */
public record OidcSettings(URI issuer, String audience, String rolesClaim, Map<String, String> roleMap,
                           Console console) {
    public OidcSettings {
        Objects.requireNonNull(issuer, "issuer");
        if (audience == null && console == null) {
            throw new IllegalArgumentException("an audience, a console client or both");
        }
        Objects.requireNonNull(rolesClaim, "rolesClaim");
        roleMap = Map.copyOf(roleMap);
    }

    /** API bearer tokens only. */
    public OidcSettings(URI issuer, String audience, String rolesClaim, Map<String, String> roleMap) {
        this(issuer, audience, rolesClaim, roleMap, null);
    }

    /**
     * The console as an OpenID Connect relying party (authorization code flow with PKCE).
     *
     * @param clientSecret null for a public client
     * @param redirect     null: derived from public.url or from each request
     * @param name         shown on the sign-in button
     * @param localSignIn  false: only the bootstrap administrator signs in with a password
     */
    public record Console(String clientId, String clientSecret, URI redirect, List<String> scopes, String name,
                          boolean localSignIn) {
        public Console {
            Objects.requireNonNull(clientId, "clientId");
            Objects.requireNonNull(name, "name");
            scopes = List.copyOf(scopes);
        }

        @Override
        public String toString() {
            return "Console[clientId=" + clientId + ", clientSecret=" + (clientSecret == null ? "none" : "***")
                    + ", redirect=" + (redirect == null ? "(derived)" : redirect) + ", scopes=" + scopes
                    + ", name=" + name + ", localSignIn=" + localSignIn + "]";
        }
    }
}
