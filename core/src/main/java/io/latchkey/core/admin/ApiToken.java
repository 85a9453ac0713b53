package io.latchkey.core.admin;

import java.time.Instant;
import java.util.UUID;

/**
 * An API bearer token as stored: only its SHA-256 hash, never the token. {@code expiresAt} null is
 * "never" (only the bootstrap token); {@code revokedAt} is set once, by a revocation.
 * {@code onlyRoles}: empty = the token acts with every role of its administrator; otherwise with
 * those of the administrator's roles only (a CI pipeline's token that may lock but not wipe).
 */
public record ApiToken(UUID id, UUID adminId, String name, String tokenHash, Instant createdAt, Instant expiresAt,
                       Instant revokedAt, java.util.Set<String> onlyRoles) {

    public ApiToken {
        onlyRoles = onlyRoles == null ? java.util.Set.of() : java.util.Set.copyOf(onlyRoles);
    }

    public ApiToken(UUID id, UUID adminId, String name, String tokenHash, Instant createdAt, Instant expiresAt,
                    Instant revokedAt) {
        this(id, adminId, name, tokenHash, createdAt, expiresAt, revokedAt, java.util.Set.of());
    }

    public ApiToken(UUID id, UUID adminId, String name, String tokenHash, Instant createdAt, Instant expiresAt) {
        this(id, adminId, name, tokenHash, createdAt, expiresAt, null);
    }

    /** Whether the token still opens the API at that time. */
    public boolean usableAt(Instant now) {
        return revokedAt == null && (expiresAt == null || expiresAt.isAfter(now));
    }

    @Override
    public String toString() {
        return "ApiToken[id=" + id + ", adminId=" + adminId + ", name=" + name
                + (onlyRoles.isEmpty() ? "" : ", onlyRoles=" + onlyRoles) + "]";
    }
}
