package io.latchkey.core.approval;

import java.util.Locale;

/**
 * Where an approval request stands. Only {@link #PENDING} moves, once, to one of the others; the
 * store's conditional update makes that single move win over any concurrent one.
 */
public enum ApprovalState {
    PENDING, APPROVED, REJECTED, CANCELLED, EXPIRED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isFinal() {
        return this != PENDING;
    }

    public static ApprovalState parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("state is required");
        }
        for (ApprovalState s : values()) {
            if (s.wireName().equalsIgnoreCase(text.trim())) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown approval state '" + text.trim()
                + "' (expected pending, approved, rejected, cancelled or expired)");
    }
}
