package io.latchkey.core.admin;

import io.latchkey.core.Rejected;
import io.latchkey.core.audit.AuditEvent;
import io.latchkey.core.audit.AuditLog;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Bearer tokens from an outside provider, turned into Latchkey administrators: the first valid
 * token of an issuer + subject creates its administrator record (audited), later ones find it.
 */
public final class FederatedAdmins {
    /** How the names of administrators made from an OpenID identity begin; local ones may not. */
    public static final String PREFIX = "oidc:";

    /** Three base64url parts separated by dots: the compact form of a signed JWT. */
    private static final Pattern JWT_SHAPE = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");

    private static final int MAX_NAME = 200;

    private final FederatedTokens tokens;
    private final Admins admins;
    private final AuditLog audit;
    private final Clock clock;

    public FederatedAdmins(FederatedTokens tokens, Admins admins, AuditLog audit, Clock clock) {
        this.tokens = tokens;
        this.admins = admins;
        this.audit = audit;
        this.clock = clock;
    }

    /** Whether a bearer is shaped like a JWT, so it goes to the provider's check, not the token table. */
    public static boolean looksLikeJwt(String token) {
        return token != null && JWT_SHAPE.matcher(token).matches();
    }

    public Optional<AdminIdentity> identify(String token) {
        return tokens.verify(token).map(this::admit);
    }

    /** The administrator of an identity the provider already vouched for (an ID token at console sign-in). */
    public AdminIdentity admit(FederatedIdentity id) {
        return new AdminIdentity(findOrCreate(id), id.roles());
    }

    /**
     * The record's name joins issuer and subject, the pair OpenID Connect guarantees unique. Both
     * may be 255 characters long, so an over-long pair is named by its hash to fit the name column.
     */
    static String nameOf(FederatedIdentity id) {
        String name = PREFIX + id.subject() + "@" + id.issuer();
        return name.length() <= MAX_NAME ? name
                : PREFIX + AdminAccounts.hashToken(id.issuer() + "\n" + id.subject());
    }

    private Admin findOrCreate(FederatedIdentity id) {
        String name = nameOf(id);
        Optional<Admin> known = admins.findByName(name);
        if (known.isPresent()) {
            return known.get();
        }
        Admin admin = new Admin(UUID.randomUUID(), name, null, clock.instant());
        try {
            admins.create(admin, List.of());
        } catch (Rejected taken) {
            if (taken.kind() == Rejected.Kind.CONFLICT) {
                // a concurrent first request created it
                return admins.findByName(name).orElseThrow(() -> taken);
            }
            throw taken;
        }
        audit.append(new AuditEvent(UUID.randomUUID(), clock.instant(), name, "oidc", "admin.federated.create",
                "admin", name, "first sign-in with roles " + String.join(",", id.roles().stream().sorted().toList())));
        return admin;
    }
}
