package io.latchkey.console.web;

import java.time.Instant;

/**
 * A signed-in administrator's console session, kept on the server; the browser holds only the
 * random id in an HttpOnly cookie. {@code csrf} is a second random value every state-changing
 * request must carry in its body or header: a cross-site form cannot read it.
 */
public record ConsoleSession(String id, String admin, String csrf, Instant createdAt, Instant lastSeen) {
    ConsoleSession touched(Instant now) {
        return new ConsoleSession(id, admin, csrf, createdAt, now);
    }

    @Override
    public String toString() {
        return "ConsoleSession[admin=" + admin + ", createdAt=" + createdAt + "]";
    }
}
