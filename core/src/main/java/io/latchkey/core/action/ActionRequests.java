package io.latchkey.core.action;

import io.latchkey.core.audit.AuditEvent;
import io.latchkey.core.inventory.Page;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Storage port: action requests, created atomically with their commands. */
public interface ActionRequests {

    /**
     * Stores the request, every command and the audit event in one transaction. If a request with
     * the same requester and idempotency key already exists (even one stored by a concurrent call),
     * nothing is written and that request is returned. Every command must carry its request's
     * action, creation time, expiry and options (the store keeps those once, on the request), and
     * there must be exactly {@code deviceCount} of them, at most 16,777,216 (2^24: the store keys a
     * command by its request and position); otherwise the store refuses the call.
     */
    ActionRequest create(ActionRequest request, List<Command> commands, AuditEvent event);

    Optional<ActionRequest> find(UUID id);

    Optional<ActionRequest> findByIdempotencyKey(String requestedBy, String idempotencyKey);

    /** Requests, newest first. */
    Page<ActionRequest> page(String cursor, int limit);

    /**
     * The requests one administrator made, newest first: what a scoped operator may see of the
     * history, since another admin's request may span devices outside their scope. This default
     * filters the full list page by page; a store answers with an indexed query.
     */
    default Page<ActionRequest> pageRequestedBy(String requestedBy, String cursor, int limit) {
        java.util.List<ActionRequest> found = new java.util.ArrayList<>();
        String next = cursor;
        do {
            // One at a time, so the cursor handed back is exactly after the last request returned.
            Page<ActionRequest> page = page(next, 1);
            page.items().stream().filter(r -> r.requestedBy().equals(requestedBy)).forEach(found::add);
            next = page.nextCursor();
        } while (next != null && found.size() < limit);
        return new Page<>(found, next);
    }
}
