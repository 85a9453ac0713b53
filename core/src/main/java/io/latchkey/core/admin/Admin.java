package io.latchkey.core.admin;

import java.time.Instant;
import java.util.UUID;

/** An administrator account. {@code passwordHash} is a {@link PasswordHash} string, null when none is set. */
public record Admin(UUID id, String name, String passwordHash, Instant createdAt) {
    @Override
    public String toString() {
        return "Admin[id=" + id + ", name=" + name + "]";
    }
}
