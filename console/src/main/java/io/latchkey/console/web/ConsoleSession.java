package io.latchkey.console.web;

import java.time.Instant;
import java.util.Set;

/**
 * A signed-in administrator's console session, kept on the server; the browser holds only the
 * random id in an HttpOnly cookie. {@code csrf} is a second random value every state-changing
 * request must carry in its body or header: a cross-site form cannot read it. {@code federated}
 * is null for a password sign-in.
 */
public record ConsoleSession(String id, String admin, String csrf, Instant createdAt, Instant lastSeen,
                             Federated federated) {

    /** A password sign-in's session. */
    public ConsoleSession(String id, String admin, String csrf, Instant createdAt, Instant lastSeen) {
        this(id, admin, csrf, createdAt, lastSeen, null);
    }

    /**
     * A sign-in through the OpenID Connect provider: the built-in role names its roles claim mapped
     * to (held for this session, as an access token's are for one API request), and its ID token,
     * sent back only as {@code id_token_hint} at sign-out.
     */
    public record Federated(Set<String> roles, String idToken) {
        public Federated {
            roles = Set.copyOf(roles);
        }

        @Override
        public String toString() {
            return "Federated[roles=" + roles + "]";
        }
    }

    ConsoleSession touched(Instant now) {
        return new ConsoleSession(id, admin, csrf, createdAt, now, federated);
    }

    @Override
    public String toString() {
        return "ConsoleSession[admin=" + admin + ", createdAt=" + createdAt
                + (federated == null ? "" : ", " + federated) + "]";
    }
}
