package io.latchkey.core.audit;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One entry of the append-only audit log: who did what to what, when and from where.
 *
 * @param actor  the administrator (or "system" for the engine's own sweeps)
 * @param source where the request came from (client address, "cli", "system")
 * @param action what was done, e.g. "action.submit", "secret.reveal", "inventory.import"
 */
public record AuditEvent(UUID id, Instant at, String actor, String source, String action, String targetType,
                         String target, String detail) {
    public AuditEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        source = source == null ? "" : source;
        detail = detail == null ? "" : detail;
    }
}
