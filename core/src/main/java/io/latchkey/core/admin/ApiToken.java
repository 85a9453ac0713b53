package io.latchkey.core.admin;

import java.time.Instant;
import java.util.UUID;

/** An API bearer token as stored: only its SHA-256 hash, never the token. */
public record ApiToken(UUID id, UUID adminId, String name, String tokenHash, Instant createdAt, Instant expiresAt) {
}
