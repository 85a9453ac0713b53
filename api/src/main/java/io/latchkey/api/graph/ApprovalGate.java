package io.latchkey.api.graph;

import io.latchkey.core.action.ActionSubmission;
import io.latchkey.core.action.RemoteActions;
import io.latchkey.core.action.Submitted;
import io.latchkey.core.approval.ActionApprovals;
import io.latchkey.core.approval.AdminActor;
import io.latchkey.core.approval.ApprovalRequest;
import io.latchkey.core.approval.Outcome;

import java.util.Set;

/**
 * Graph's actions pass through the approval policy like the native API's. Graph has no word for
 * "held for approval", so a held submission is answered {@code 403} with the error code
 * {@code approvalRequired}, the approval request's id in the message and its native API address
 * in {@code Location}: a Graph SDK or script then reports that the action did not run (a 2xx
 * would read as "wipe queued"), and nothing is queued until a second administrator approves it
 * through the native API or the console.
 */
final class ApprovalGate {
    static final String APPROVAL_REQUIRED = "approvalRequired";

    private final RemoteActions actions;
    private volatile ActionApprovals approvals;

    ApprovalGate(RemoteActions actions) {
        this.actions = actions;
    }

    void use(ActionApprovals approvals) {
        this.approvals = approvals;
    }

    Submitted submit(GraphCall call, ActionSubmission submission) {
        ActionApprovals gate = approvals;
        if (gate == null) {
            return actions.submit(submission, call.actor());
        }
        Outcome outcome = gate.submit(submission, new AdminActor(call.admin().id(), call.actor(), Set.of(), false),
                null);
        return switch (outcome) {
            case Outcome.Queued q -> q.submitted();
            case Outcome.Held h -> throw held(call, h.approval());
        };
    }

    private static GraphError held(GraphCall call, ApprovalRequest approval) {
        call.ctx().header("Location", call.ctx().contextPath() + "/api/v1/approvals/" + approval.id());
        return new GraphError(403, APPROVAL_REQUIRED, approval.policyReason() + ": held for a second administrator's"
                + " approval as approval request " + approval.id() + " (nothing was queued; see /api/v1/approvals/"
                + approval.id() + ")");
    }
}
