package io.latchkey.core.audit;

import io.latchkey.core.inventory.Page;

/** Storage port: the append-only audit log. There is no update and no delete. */
public interface AuditLog {

    void append(AuditEvent event);

    /** Entries newest first. */
    Page<AuditEvent> page(String cursor, int limit);
}
