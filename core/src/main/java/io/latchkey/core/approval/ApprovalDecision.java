package io.latchkey.core.approval;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The one move of a pending request to a final state. {@code deciderId} is null for expiry, which
 * the system decides; {@code comment} may be empty.
 */
public record ApprovalDecision(UUID approvalId, ApprovalState to, UUID deciderId, String decidedBy, Instant at,
                               String comment) {
    public ApprovalDecision {
        Objects.requireNonNull(approvalId, "approvalId");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(decidedBy, "decidedBy");
        Objects.requireNonNull(at, "at");
        if (to == ApprovalState.PENDING) {
            throw new IllegalArgumentException("a decision moves a request out of pending");
        }
        comment = comment == null ? "" : comment;
    }
}
