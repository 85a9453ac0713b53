package io.latchkey.core.admin;

import java.util.Optional;

/**
 * Port: bearer tokens issued by an outside identity provider (an OpenID Connect access token).
 * An adapter checks signature, issuer, audience and lifetime; the core only sees who it is.
 */
public interface FederatedTokens {

    /** The identity a valid token proves, or empty when the token is refused for any reason. */
    Optional<FederatedIdentity> verify(String token);
}
