package io.latchkey.core.approval;

import io.latchkey.core.action.Submitted;

/** What became of a submission: queued at once, or held for a second administrator. */
public sealed interface Outcome {

    /** No policy applied: the action request and its commands exist. */
    record Queued(Submitted submitted) implements Outcome {
    }

    /** A policy applied: nothing is queued until the request is approved. */
    record Held(ApprovalRequest approval) implements Outcome {
    }
}
