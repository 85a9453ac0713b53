package io.latchkey.core.inventory;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** A device group an administrator creates and fills by hand. */
public record StaticGroup(UUID id, String name, String description, Instant createdAt) {
    public StaticGroup {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(createdAt, "createdAt");
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("group name is required");
        }
        description = description == null ? "" : description;
    }
}
