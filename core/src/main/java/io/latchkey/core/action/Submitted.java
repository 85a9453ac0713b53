package io.latchkey.core.action;

import java.util.List;
import java.util.UUID;

/**
 * The answer to a submission.
 *
 * @param created      false when the idempotency key named an earlier request, which is returned
 * @param notFoundIds  explicitly named device ids that do not exist (no command was made for them)
 */
public record Submitted(ActionRequest request, boolean created, List<UUID> notFoundIds) {
}
