package io.latchkey.core.admin;

import java.util.Objects;
import java.util.Set;

/**
 * Who an outside provider vouches for: its subject under its issuer (together unique, the
 * subject alone is not) and the Latchkey role names its claims were mapped to.
 */
public record FederatedIdentity(String issuer, String subject, Set<String> roles) {
    public FederatedIdentity {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(subject, "subject");
        roles = Set.copyOf(roles);
    }
}
