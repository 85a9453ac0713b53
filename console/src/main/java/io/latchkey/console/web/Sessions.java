package io.latchkey.console.web;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Console sessions in this node's memory. A restart signs administrators out, and behind a load
 * balancer the console needs sticky sessions until sessions move to the database (issue 8).
 * A session ends after {@link #IDLE} without a request or {@link #ABSOLUTE} after sign-in.
 */
public final class Sessions {
    static final Duration IDLE = Duration.ofMinutes(60);
    static final Duration ABSOLUTE = Duration.ofHours(12);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, ConsoleSession> byId = new ConcurrentHashMap<>();
    private final Clock clock;

    public Sessions(Clock clock) {
        this.clock = clock;
    }

    /** A new session with fresh id and CSRF token; a sign-in never reuses an earlier id (no fixation). */
    public ConsoleSession open(String admin) {
        return open(admin, null);
    }

    /** As {@link #open(String)}, for a sign-in through the OpenID Connect provider ({@code federated} non-null). */
    public ConsoleSession open(String admin, ConsoleSession.Federated federated) {
        Instant now = clock.instant();
        purge(now);
        ConsoleSession s = new ConsoleSession(token(), admin, token(), now, now, federated);
        byId.put(s.id(), s);
        return s;
    }

    /** The live session with this id, its idle clock restarted; empty when unknown or expired. */
    public Optional<ConsoleSession> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        ConsoleSession s = byId.get(id);
        if (s == null) {
            return Optional.empty();
        }
        if (expired(s, now)) {
            byId.remove(id);
            return Optional.empty();
        }
        ConsoleSession touched = s.touched(now);
        byId.put(id, touched);
        return Optional.of(touched);
    }

    public void close(String id) {
        if (id != null) {
            byId.remove(id);
        }
    }

    /** 32 random bytes, URL-safe: unguessable as a session id or a CSRF token. */
    public static String token() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private void purge(Instant now) {
        byId.values().removeIf(s -> expired(s, now));
    }

    private static boolean expired(ConsoleSession s, Instant now) {
        return s.lastSeen().plus(IDLE).isBefore(now) || s.createdAt().plus(ABSOLUTE).isBefore(now);
    }
}
