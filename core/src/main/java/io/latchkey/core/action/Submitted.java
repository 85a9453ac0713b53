package io.latchkey.core.action;

import java.util.List;
import java.util.UUID;

/**
 * The answer to a submission.
 *
 * @param created      false when the idempotency key named an earlier request, which is returned
 * @param notFoundIds  explicitly named device ids that do not exist (no command was made for them)
 * @param notSupportedIds the devices whose command the capability matrix refused in this
 *                     submission; empty for a replay (the earlier request's commands say)
 */
public record Submitted(ActionRequest request, boolean created, List<UUID> notFoundIds, List<UUID> notSupportedIds) {
    public Submitted {
        notFoundIds = List.copyOf(notFoundIds);
        notSupportedIds = List.copyOf(notSupportedIds);
    }

    public Submitted(ActionRequest request, boolean created, List<UUID> notFoundIds) {
        this(request, created, notFoundIds, List.of());
    }
}
