package io.latchkey.core.audit;

import io.latchkey.core.inventory.Page;

import java.util.ArrayList;
import java.util.List;

/** Storage port: the append-only audit log. There is no update and no delete. */
public interface AuditLog {

    void append(AuditEvent event);

    /** Entries newest first. */
    Page<AuditEvent> page(String cursor, int limit);

    /**
     * Entries the filter selects, newest first. This default reads the whole log page by page and
     * suits small in-memory logs only; a store answers it with an indexed query.
     */
    default Page<AuditEvent> page(AuditFilter filter, String cursor, int limit) {
        if (filter == null || filter.isAll()) {
            return page(cursor, limit);
        }
        List<AuditEvent> found = new ArrayList<>();
        String next = null;
        do {
            Page<AuditEvent> page = page(next, 500);
            page.items().stream().filter(filter::matches).forEach(found::add);
            next = page.nextCursor();
        } while (next != null);
        int start = cursor == null ? 0 : Integer.parseInt(cursor);
        int end = Math.min(found.size(), start + limit);
        return new Page<>(found.subList(Math.min(start, end), end), end < found.size() ? Integer.toString(end) : null);
    }
}
