package io.latchkey.core.admin;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Storage port: an administrator's API tokens, to list and revoke them (issued through {@link Admins#addToken}). */
public interface ApiTokens {

    /** Every token of the administrator, revoked and expired ones included, oldest first. */
    List<ApiToken> ofAdmin(UUID adminId);

    /** Marks the token revoked; false when the administrator has no such token or it was already revoked. */
    boolean revoke(UUID adminId, UUID tokenId, Instant at);
}
