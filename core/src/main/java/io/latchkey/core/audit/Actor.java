package io.latchkey.core.audit;

import java.util.Objects;

/** Who asks, and from where: every admin-facing use case takes one, for the audit log. */
public record Actor(String name, String address) {
    public static final Actor SYSTEM = new Actor("system", "system");

    public Actor {
        Objects.requireNonNull(name, "name");
        address = address == null ? "" : address;
    }
}
