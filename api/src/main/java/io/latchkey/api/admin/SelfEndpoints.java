package io.latchkey.api.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.latchkey.api.ApiException;
import io.latchkey.api.Json;
import io.latchkey.api.Params;
import io.latchkey.core.admin.AdminIdentities;
import io.latchkey.core.admin.ApiToken;
import io.latchkey.core.admin.ApiTokenIssuer;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The calling administrator's own credentials: API tokens ({@code GET/POST /tokens},
 * {@code DELETE /tokens/{id}}), TOTP enrolment ({@code POST /me/totp}, then
 * {@code POST /me/totp/confirm}) and password ({@code POST /me/password}). A token and a TOTP
 * secret appear in one answer only, never cached; listings never show a token or its hash.
 */
public final class SelfEndpoints {
    private final Supplier<AdminIdentities> identities;
    private final Clock clock;

    /** A supplier, because routes are registered before (and, in the OpenAPI test, without) the use cases. */
    public SelfEndpoints(Supplier<AdminIdentities> identities, Clock clock) {
        this.identities = identities;
        this.clock = clock;
    }

    /** A token as listed: no secret, no hash. */
    public record TokenView(UUID id, String name, Instant createdAt, Instant expiresAt, Instant revokedAt,
                            boolean active, java.util.List<String> roles) {
        static TokenView of(ApiToken t, Instant now) {
            return new TokenView(t.id(), t.name(), t.createdAt(), t.expiresAt(), t.revokedAt(), t.usableAt(now),
                    t.onlyRoles().isEmpty() ? null : new java.util.ArrayList<>(new java.util.TreeSet<>(t.onlyRoles())));
        }
    }

    /** A token just created: the only time {@code token} is shown. */
    public record Created(UUID id, String name, String token, Instant createdAt, Instant expiresAt) {
        @Override
        public String toString() {
            return "Created[id=" + id + ", name=" + name + "]";
        }
    }

    public record Enrolment(String otpauthUri) {
        @Override
        public String toString() {
            return "Enrolment[…]";
        }
    }

    public void register(RoutesConfig routes, String base) {
        routes.get(base + "/tokens", this::list);
        routes.post(base + "/tokens", this::create);
        routes.delete(base + "/tokens/{id}", this::revoke);
        routes.post(base + "/me/totp", this::beginTotp);
        routes.post(base + "/me/totp/confirm", this::confirmTotp);
        routes.post(base + "/me/password", this::changePassword);
    }

    private void list(Context ctx) {
        Instant now = clock.instant();
        List<TokenView> tokens = identities.get().tokens().list(Params.admin(ctx)).stream()
                .map(t -> TokenView.of(t, now)).toList();
        ctx.json(java.util.Map.of("tokens", tokens));
    }

    private void create(Context ctx) {
        ObjectNode body = Json.objectBody(ctx);
        Json.onlyFields(body, "the token request", Set.of("name", "expiresInDays", "roles"));
        Long days = Json.number(body, "expiresInDays");
        if (days != null && (days < 1 || days > ApiTokenIssuer.MAX_LIFETIME.toDays())) {
            throw ApiException.badRequest("expiresInDays must be between 1 and " + ApiTokenIssuer.MAX_LIFETIME.toDays());
        }
        ApiTokenIssuer.Issued issued = identities.get().tokens().create(Params.admin(ctx), Json.text(body, "name"),
                days == null ? null : Duration.ofDays(days), onlyRoles(ctx, Json.texts(body, "roles")), Params.actor(ctx));
        ctx.header("Cache-Control", "no-store");
        ctx.status(201).json(new Created(issued.token().id(), issued.token().name(), issued.secret(),
                issued.token().createdAt(), issued.token().expiresAt()));
    }

    /**
     * The roles a new token is limited to: some of those the caller holds now. A token that is itself
     * limited can only make tokens within its own limit (none asked: the same limit), or it could mint
     * its way out of it.
     */
    private static Set<String> onlyRoles(Context ctx, java.util.List<String> asked) {
        Set<String> held = new java.util.TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        io.latchkey.api.AccessGuard.assignments(ctx).forEach(a -> held.add(a.roleName()));
        io.latchkey.core.admin.AdminIdentity identity = ctx.attribute(io.latchkey.api.BearerAuth.IDENTITY_ATTRIBUTE);
        Set<String> limit = identity == null ? Set.of() : identity.onlyRoles();
        if (asked == null || asked.isEmpty()) {
            return limit;
        }
        Set<String> roles = new java.util.LinkedHashSet<>();
        for (String r : asked) {
            String name = r == null ? "" : r.strip();
            if (!held.contains(name)) {
                throw new ApiException(403, "forbidden", "a token can only carry roles you hold"
                        + (limit.isEmpty() ? "" : " through this token") + "; you do not hold '" + name + "'");
            }
            roles.add(held.stream().filter(h -> h.equalsIgnoreCase(name)).findFirst().orElse(name));
        }
        return roles;
    }

    private void revoke(Context ctx) {
        identities.get().tokens().revoke(Params.admin(ctx), Params.pathId(ctx, "id"), Params.actor(ctx));
        ctx.status(204);
    }

    private void beginTotp(Context ctx) {
        String uri = identities.get().totp().begin(Params.admin(ctx), Params.actor(ctx));
        ctx.header("Cache-Control", "no-store");
        ctx.status(201).json(new Enrolment(uri));
    }

    /** {@code {"currentPassword": "...", "newPassword": "..."}}: the current one is checked, throttled. */
    private void changePassword(Context ctx) {
        ObjectNode body = Json.objectBody(ctx);
        Json.onlyFields(body, "the password change", Set.of("currentPassword", "newPassword"));
        String current = Json.text(body, "currentPassword");
        String next = Json.text(body, "newPassword");
        if (current == null || next == null) {
            throw ApiException.badRequest("currentPassword and newPassword are both required");
        }
        AdminIdentities ids = identities.get();
        if (!ids.signIn().confirmPassword(Params.admin(ctx), current, ctx.ip(), "api")) {
            // One answer for a wrong password and a lockout, as at sign-in.
            throw new ApiException(403, "forbidden", "the current password is not right, or there were too many "
                    + "failed attempts: wait 15 minutes");
        }
        ids.passwords().set(Params.admin(ctx).name(), next, Params.actor(ctx));
        ctx.status(204);
    }

    private void confirmTotp(Context ctx) {
        ObjectNode body = Json.objectBody(ctx);
        Json.onlyFields(body, "the confirmation", Set.of("code"));
        String code = Json.text(body, "code");
        if (code == null) {
            throw ApiException.badRequest("code is required: the 6 digits your authenticator app shows");
        }
        identities.get().totp().confirm(Params.admin(ctx), code, Params.actor(ctx));
        ctx.status(204);
    }
}
