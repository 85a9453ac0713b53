package io.latchkey.server.config;

import java.net.URI;
import java.util.Map;
import java.util.Objects;

/**
 * Where OpenID Connect access tokens come from and what they must say to reach the API.
 *
 * @param issuer     the provider's issuer URL; its discovery document names the JWKS
 * @param audience   a value the token's {@code aud} must contain (the API's identifier at the provider)
 * @param rolesClaim the claim listing the provider's groups or roles
 * @param roleMap    provider role → Latchkey role name; a token with none of these keys is refused
 */
public record OidcSettings(URI issuer, String audience, String rolesClaim, Map<String, String> roleMap) {
    public OidcSettings {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(rolesClaim, "rolesClaim");
        roleMap = Map.copyOf(roleMap);
    }
}
