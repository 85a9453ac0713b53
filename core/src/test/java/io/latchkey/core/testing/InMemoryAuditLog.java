package io.latchkey.core.testing;

import io.latchkey.core.audit.AuditEvent;
import io.latchkey.core.audit.AuditLog;
import io.latchkey.core.inventory.Page;

import java.util.ArrayList;
import java.util.List;

/** The append-only audit log, in memory. */
public final class InMemoryAuditLog implements AuditLog {
    private final List<AuditEvent> events = new ArrayList<>();

    @Override
    public synchronized void append(AuditEvent event) {
        events.add(event);
    }

    @Override
    public synchronized Page<AuditEvent> page(String cursor, int limit) {
        return Paging.page(all().reversed(), e -> e.id().toString(), cursor, limit);
    }

    /** Every entry, oldest first. */
    public synchronized List<AuditEvent> all() {
        return List.copyOf(events);
    }

    /** The entries with this action name ("action.submit", "secret.reveal"…), oldest first. */
    public synchronized List<AuditEvent> withAction(String action) {
        return events.stream().filter(e -> e.action().equals(action)).toList();
    }
}
