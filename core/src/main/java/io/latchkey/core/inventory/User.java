package io.latchkey.core.inventory;

import java.util.Objects;
import java.util.UUID;

/** A person who enrolls and uses devices (product spec section 4). */
public record User(UUID id, String userPrincipalName, String displayName) {
    public User {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(userPrincipalName, "userPrincipalName");
        Objects.requireNonNull(displayName, "displayName");
    }
}
