package io.latchkey.core.admin;

import java.net.URI;
import java.util.Optional;

/**
 * Port: an OpenID Connect provider seen by a relying party using the authorization code flow
 * (OpenID Connect Core 1.0 section 3.1) with PKCE (RFC 7636). The adapter knows the wire: the
 * discovery document, the token endpoint, client authentication and the ID token's signature and
 * claims; the core only generates the one-time values and decides who signs in.
 */
public interface OpenIdProvider {

    /** How the sign-in button names the provider ("Entra ID", "Keycloak"). */
    String displayName();

    /** Where to send the browser: the provider's authorization endpoint with these parameters. */
    URI authorizationUrl(AuthorizationRequest request) throws Refused;

    /**
     * Exchanges the code at the token endpoint and validates the ID token it answers (signature,
     * iss, aud, azp, exp/iat/nbf, and {@code nonce} equal to the one sent); maps its roles claim.
     */
    Redeemed redeem(Redemption redemption) throws Refused;

    /** The provider's end_session_endpoint for this ID token, when its discovery document names one. */
    Optional<URI> endSessionUrl(String idTokenHint, URI afterSignOut);

    /** @param codeChallenge BASE64URL(SHA-256(verifier)), sent with method S256 (RFC 7636 section 4.2) */
    record AuthorizationRequest(URI redirectUri, String state, String nonce, String codeChallenge) {
    }

    record Redemption(String code, URI redirectUri, String codeVerifier, String nonce) {
    }

    /** @param idToken kept only to name the session at RP-initiated logout ({@code id_token_hint}) */
    record Redeemed(FederatedIdentity identity, String idToken) {
        @Override
        public String toString() {
            return "Redeemed[" + identity + "]";
        }
    }

    /** The provider or its answer was refused; the message says which check failed and never holds a token. */
    final class Refused extends Exception {
        public Refused(String reason) {
            super(reason);
        }

        public Refused(String reason, Throwable cause) {
            super(reason, cause);
        }
    }
}
