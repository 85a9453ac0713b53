package io.latchkey.api.actions;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.latchkey.core.approval.ApprovalRequest;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Approval requests as the API shows them: the submission as asked, the decision, the released action. */
final class ApprovalViews {
    private ApprovalViews() {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ApprovalView(UUID id, String state, String action, ActionViews.Target target, Map<String, String> options,
                        Long ttlSeconds, String requestedBy, String idempotencyKey, String reason, String policyReason, int deviceCount,
                        Instant createdAt, Instant expiresAt, String decidedBy, Instant decidedAt, String comment,
                        UUID actionRequestId, String link, String actionRequestLink) {
    }

    static ApprovalView of(ApprovalRequest a, String contextPath, UUID actionRequestId) {
        return new ApprovalView(a.id(), a.state().wireName(), a.action().wireName(), ActionViews.Target.of(a.target()),
                a.options(), a.timeToLive() == null ? null : a.timeToLive().toSeconds(), a.requesterName(), a.clientKey(),
                a.reason().isEmpty() ? null : a.reason(), a.policyReason(), a.deviceCount(), a.createdAt(),
                a.expiresAt(), a.decidedBy(), a.decidedAt(), a.comment().isEmpty() ? null : a.comment(),
                actionRequestId, contextPath + "/api/v1/approvals/" + a.id(),
                actionRequestId == null ? null : contextPath + "/api/v1/actions/" + actionRequestId);
    }
}
