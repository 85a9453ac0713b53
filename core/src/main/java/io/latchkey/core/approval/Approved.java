package io.latchkey.core.approval;

import io.latchkey.core.action.Submitted;

/** An approval and the action request it released. */
public record Approved(ApprovalRequest approval, Submitted submitted) {
}
