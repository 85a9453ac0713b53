package io.latchkey.api.enrollment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.latchkey.api.ApiException;
import io.latchkey.api.Json;
import io.latchkey.api.Params;
import io.latchkey.core.action.ChannelKind;
import io.latchkey.core.enrollment.EnrollmentCodeIssuer;
import io.latchkey.core.enrollment.IssuedCode;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * {@code POST /users/{id}/enrollment-codes}: a one-time code with which one device of the user
 * enrolls. The code is in this answer only (never stored, logged or shown again), so the answer
 * is not cacheable. Body optional: {@code {"channel": "apple"}} (the default) or {@code "windows"}.
 */
public final class EnrollmentCodeEndpoint {
    private final EnrollmentCodeIssuer issuer;

    public EnrollmentCodeEndpoint(EnrollmentCodeIssuer issuer) {
        this.issuer = issuer;
    }

    /** What the administrator gets, once. */
    public record View(String code, UUID userId, String channel, Instant expiresAt) {
        @Override
        public String toString() {
            return "View[userId=" + userId + ", channel=" + channel + ", expiresAt=" + expiresAt + "]";
        }
    }

    public void register(RoutesConfig routes, String base) {
        routes.post(base + "/users/{id}/enrollment-codes", this::issue);
    }

    private void issue(Context ctx) {
        UUID userId = Params.pathId(ctx, "id");
        ChannelKind channel = ChannelKind.APPLE_MDM;
        if (!ctx.body().isBlank()) {
            ObjectNode body = Json.objectBody(ctx);
            Json.onlyFields(body, "the enrollment code request", Set.of("channel"));
            String name = Json.text(body, "channel");
            if (name != null) {
                channel = switch (name) {
                    case "apple" -> ChannelKind.APPLE_MDM;
                    // OnPremise enrollment: the user types their principal name and this code as the password.
                    case "windows" -> ChannelKind.WINDOWS_MDM;
                    default -> throw ApiException.badRequest("channel must be 'apple' or 'windows'");
                };
            }
        }
        IssuedCode issued = issuer.issue(userId, channel, Params.actor(ctx));
        ctx.header("Cache-Control", "no-store");
        ctx.status(201).json(new View(issued.code(), issued.userId(),
                channel == ChannelKind.WINDOWS_MDM ? "windows" : "apple", issued.expiresAt()));
    }
}
