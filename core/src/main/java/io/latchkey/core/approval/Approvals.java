package io.latchkey.core.approval;

import io.latchkey.core.audit.AuditEvent;
import io.latchkey.core.inventory.Page;

import java.util.Optional;
import java.util.UUID;

/** Storage port: approval requests and their single decision, each written with its audit entry. */
public interface Approvals {

    /**
     * Stores a new pending request and its audit entry in one transaction, and returns it; if the
     * same requester already has a request with the same client key (even one a concurrent call
     * stored), nothing is written and that request is returned.
     */
    ApprovalRequest create(ApprovalRequest request, AuditEvent event);

    Optional<ApprovalRequest> find(UUID id);

    /** The requester's request made with this Idempotency-Key, if any. */
    Optional<ApprovalRequest> findByClientKey(UUID requesterId, String clientKey);

    /** Requests in the state (every state when null), newest first. */
    Page<ApprovalRequest> page(ApprovalState state, String cursor, int limit);

    /**
     * Moves the request from pending to the decision's state, with the audit entry, in one
     * transaction, and only if it is still pending and (for every state but expired) not yet past
     * its expiry at the decision's time; expiry only once it is. Of concurrent decisions exactly
     * one returns true; the others change nothing.
     */
    boolean decide(ApprovalDecision decision, AuditEvent event);
}
