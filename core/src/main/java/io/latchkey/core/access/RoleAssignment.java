package io.latchkey.core.access;

import java.util.Objects;
import java.util.UUID;

/** One role given to one admin within a scope. The role travels with it, resolved by the store. */
public record RoleAssignment(UUID adminId, Role role, Scope scope) {
    public RoleAssignment {
        Objects.requireNonNull(adminId, "adminId");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(scope, "scope");
        if (scope.isEmpty()) {
            throw new IllegalArgumentException("an assignment needs a scope: all devices or some groups");
        }
    }

    public String roleName() {
        return role.name();
    }
}
