package io.latchkey.core.admin;

import java.util.Objects;
import java.util.Set;

/**
 * The administrator behind a request, with the role names its credential carries. Roles are
 * empty for Latchkey's own API tokens (their roles live with the account, enforced elsewhere).
 */
public record AdminIdentity(Admin admin, Set<String> roles, Set<String> onlyRoles) {
    public AdminIdentity {
        Objects.requireNonNull(admin, "admin");
        roles = Set.copyOf(roles);
        onlyRoles = onlyRoles == null ? Set.of() : Set.copyOf(onlyRoles);
    }

    /** {@code roles}: what an identity provider mapped; no limit on the stored ones. */
    public AdminIdentity(Admin admin, Set<String> roles) {
        this(admin, roles, Set.of());
    }
}
