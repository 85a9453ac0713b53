package io.latchkey.console.web;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The QR codes of enrollment tokens just issued, held in memory only until the token expires, so
 * the page can show the image from a separate request: each is reachable only by an unguessable
 * handle and only from the session that issued it. The content enrolls a device, so it is neither
 * stored nor logged; a restart simply forgets it (the admin issues another token).
 */
public final class QrCodes {
    /** Enough for every admin's recent tokens; the oldest go first beyond it. */
    private static final int MAX = 1_000;

    private record Held(String sessionId, String content, Instant expiresAt) {
        @Override
        public String toString() {
            return "Held[expires " + expiresAt + "]";
        }
    }

    private final Map<String, Held> held = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;

    public QrCodes(Clock clock) {
        this.clock = clock;
    }

    /** Keeps {@code content} for the session until {@code expiresAt}; returns the handle to ask for it. */
    public String hold(String sessionId, String content, Instant expiresAt) {
        purge();
        byte[] raw = new byte[18];
        random.nextBytes(raw);
        String handle = HexFormat.of().formatHex(raw);
        held.put(handle, new Held(sessionId, content, expiresAt));
        return handle;
    }

    /** The content, if the handle is known, not expired and was issued to this session. */
    public Optional<String> content(String handle, String sessionId) {
        Held h = handle == null ? null : held.get(handle);
        if (h == null || !h.sessionId().equals(sessionId) || !clock.instant().isBefore(h.expiresAt())) {
            return Optional.empty();
        }
        return Optional.of(h.content());
    }

    private void purge() {
        Instant now = clock.instant();
        held.values().removeIf(h -> !now.isBefore(h.expiresAt()));
        if (held.size() < MAX) {
            return;
        }
        Iterator<Map.Entry<String, Held>> oldest = held.entrySet().stream()
                .sorted(Map.Entry.comparingByValue(java.util.Comparator.comparing(Held::expiresAt)))
                .toList().iterator();
        while (held.size() >= MAX && oldest.hasNext()) {
            held.remove(oldest.next().getKey());
        }
    }
}
