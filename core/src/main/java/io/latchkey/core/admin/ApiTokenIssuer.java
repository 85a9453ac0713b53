package io.latchkey.core.admin;

import io.latchkey.core.Rejected;
import io.latchkey.core.audit.Actor;
import io.latchkey.core.audit.AuditEvent;
import io.latchkey.core.audit.AuditLog;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Named, expiring, revocable API tokens. The token is shown once, when created; only its hash is
 * stored, and neither ever reaches the audit log.
 */
public final class ApiTokenIssuer {
    public static final Duration DEFAULT_LIFETIME = Duration.ofDays(90);
    public static final Duration MAX_LIFETIME = Duration.ofDays(730);
    private static final int MAX_NAME = 100;

    /** A token just created: {@code secret} is the only copy there will ever be. */
    public record Issued(ApiToken token, String secret) {
        @Override
        public String toString() {
            return "Issued[" + token + "]";
        }
    }

    private final Admins admins;
    private final ApiTokens tokens;
    private final AuditLog audit;
    private final Clock clock;

    public ApiTokenIssuer(Admins admins, ApiTokens tokens, AuditLog audit, Clock clock) {
        this.admins = admins;
        this.tokens = tokens;
        this.audit = audit;
        this.clock = clock;
    }

    /** @param lifetime null for {@link #DEFAULT_LIFETIME}; at most {@link #MAX_LIFETIME} */
    public Issued create(Admin admin, String name, Duration lifetime, Actor actor) {
        return create(admin, name, lifetime, java.util.Set.of(), actor);
    }

    /** @param onlyRoles the admin's roles the token acts with; empty for all of them */
    public Issued create(Admin admin, String name, Duration lifetime, java.util.Set<String> onlyRoles, Actor actor) {
        String n = name == null ? "" : name.strip();
        if (n.isEmpty() || n.length() > MAX_NAME) {
            throw Rejected.invalid("a token needs a name of 1 to " + MAX_NAME + " characters, saying what uses it");
        }
        Duration life = lifetime == null ? DEFAULT_LIFETIME : lifetime;
        if (life.compareTo(Duration.ofMinutes(1)) < 0 || life.compareTo(MAX_LIFETIME) > 0) {
            throw Rejected.invalid("a token's lifetime must be between 1 minute and " + MAX_LIFETIME.toDays() + " days");
        }
        Instant now = clock.instant();
        String secret = AdminAccounts.newToken();
        ApiToken token = new ApiToken(UUID.randomUUID(), admin.id(), n, AdminAccounts.hashToken(secret), now,
                now.plus(life), null, onlyRoles);
        admins.addToken(token);
        audit(actor, "admin.token.create", token.id(), "token '" + n + "' for " + admin.name() + ", expires "
                + token.expiresAt() + (token.onlyRoles().isEmpty() ? "" : ", limited to " + new java.util.TreeSet<>(token.onlyRoles())));
        return new Issued(token, secret);
    }

    public List<ApiToken> list(Admin admin) {
        return tokens.ofAdmin(admin.id());
    }

    public void revoke(Admin admin, UUID tokenId, Actor actor) {
        if (!tokens.revoke(admin.id(), tokenId, clock.instant())) {
            throw Rejected.notFound("no active token " + tokenId + " of " + admin.name());
        }
        audit(actor, "admin.token.revoke", tokenId, "token " + tokenId + " of " + admin.name());
    }

    /** The administrator with this name, or a clear refusal. */
    public Admin admin(String name) {
        return admins.findByName(name).orElseThrow(() -> Rejected.notFound("no administrator named '" + name + "'"));
    }

    private void audit(Actor actor, String action, UUID tokenId, String detail) {
        audit.append(new AuditEvent(UUID.randomUUID(), clock.instant(), actor.name(), actor.address(), action,
                "api-token", tokenId.toString(), detail));
    }
}
