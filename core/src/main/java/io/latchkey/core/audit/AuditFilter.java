package io.latchkey.core.audit;

import java.time.Instant;

/**
 * Which audit entries to read: every non-null field narrows the list. {@code actor} is exact,
 * {@code action} a prefix ("secret." finds every secret event), {@code target} a case-insensitive
 * substring of the entry's target or detail (a device id or name), {@code from} inclusive and
 * {@code to} exclusive.
 */
public record AuditFilter(String actor, String action, String target, Instant from, Instant to) {
    public static final AuditFilter ALL = new AuditFilter(null, null, null, null, null);

    public AuditFilter {
        actor = blankToNull(actor);
        action = blankToNull(action);
        target = blankToNull(target);
    }

    public boolean matches(AuditEvent e) {
        return (actor == null || actor.equals(e.actor()))
                && (action == null || e.action().startsWith(action))
                && (target == null || contains(e.target(), target) || contains(e.detail(), target))
                && (from == null || !e.at().isBefore(from))
                && (to == null || e.at().isBefore(to));
    }

    public boolean isAll() {
        return actor == null && action == null && target == null && from == null && to == null;
    }

    private static boolean contains(String text, String part) {
        return text != null && text.toLowerCase(java.util.Locale.ROOT).contains(part.toLowerCase(java.util.Locale.ROOT));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
