package io.latchkey.server.auth.oidc;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** A provider's roles or groups claim read through {@code oidc.role.map}: the same for access and ID tokens. */
final class RoleClaim {
    private RoleClaim() {
    }

    /** Provider roles may come as one string or a list (Keycloak, Entra ID); unmapped ones are ignored. */
    static Set<String> mapped(Object claim, Map<String, String> roleMap) {
        Collection<?> values = claim instanceof Collection<?> c ? c : claim instanceof String s ? Set.of(s) : Set.of();
        Set<String> mapped = new LinkedHashSet<>();
        for (Object v : values) {
            String role = v instanceof String s ? roleMap.get(s) : null;
            if (role != null) {
                mapped.add(role);
            }
        }
        return mapped;
    }
}
