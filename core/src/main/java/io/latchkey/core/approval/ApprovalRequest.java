package io.latchkey.core.approval;

import io.latchkey.core.action.ActionSubmission;
import io.latchkey.core.capability.Action;
import io.latchkey.core.inventory.DeviceFilter;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A submission held back until a second administrator approves it: the submission as it was asked
 * (the devices are selected again only when it is approved), who asked, why approval is needed,
 * and the one decision it may receive.
 *
 * @param reason       the requester's own words (may be empty)
 * @param policyReason why the policy holds it back, e.g. "wipe of 2 devices"
 * @param deviceCount  the devices the selection matched when it was asked
 * @param decidedBy    the deciding admin's name ("system" for expiry); null while pending
 * @param clientKey    the Idempotency-Key the requester sent (null when none): a retry finds this request
 */
public record ApprovalRequest(UUID id, Action action, DeviceFilter target, Map<String, String> options,
                              Duration timeToLive, UUID requesterId, String requesterName, String requesterAddress,
                              String reason, String policyReason, int deviceCount, Instant createdAt,
                              Instant expiresAt, ApprovalState state, UUID decidedById, String decidedBy,
                              Instant decidedAt, String comment, String clientKey) {
    /** How long a request waits for its decision before it expires. */
    public static final Duration LIFETIME = Duration.ofDays(30);
    public static final int MAX_TEXT = 500;

    public ApprovalRequest {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(requesterId, "requesterId");
        Objects.requireNonNull(requesterName, "requesterName");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(state, "state");
        options = options == null ? Map.of() : Map.copyOf(new TreeMap<>(options));
        requesterAddress = requesterAddress == null ? "" : requesterAddress;
        reason = reason == null ? "" : reason;
        policyReason = policyReason == null ? "" : policyReason;
        comment = comment == null ? "" : comment;
    }

    /** The submission to run once approved. Its idempotency key ties it to this request, once. */
    public ActionSubmission submission() {
        return new ActionSubmission(action, target, options, releaseKey(), timeToLive);
    }

    /** The key the approved action is submitted with: a second approve can only replay it. */
    public String releaseKey() {
        return "approval:" + id;
    }

    /** Whether a retry with the same key asks for the same thing (else the key was reused: refused). */
    public boolean sameAs(ActionSubmission s, Map<String, String> normalisedOptions) {
        return action == s.action() && target.equals(s.target() == null ? DeviceFilter.ALL : s.target())
                && options.equals(normalisedOptions) && Objects.equals(timeToLive, s.timeToLive());
    }

    /** Pending but past its expiry: it is treated, and soon stored, as expired. */
    public boolean overdue(Instant now) {
        return state == ApprovalState.PENDING && !now.isBefore(expiresAt);
    }
}
