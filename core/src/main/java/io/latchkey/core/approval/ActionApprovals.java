package io.latchkey.core.approval;

import io.latchkey.core.Ids;
import io.latchkey.core.Rejected;
import io.latchkey.core.access.Permission;
import io.latchkey.core.action.ActionRequest;
import io.latchkey.core.action.ActionRequests;
import io.latchkey.core.action.ActionSubmission;
import io.latchkey.core.action.RemoteActions;
import io.latchkey.core.action.Submitted;
import io.latchkey.core.audit.Actor;
import io.latchkey.core.audit.AuditEvent;
import io.latchkey.core.audit.AuditLog;
import io.latchkey.core.inventory.Device;
import io.latchkey.core.inventory.Page;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * Multi-admin approval (issue 8 item 3) in front of {@link RemoteActions}: a submission an
 * {@link ApprovalPolicy} covers is stored as a pending {@link ApprovalRequest} and nothing is
 * queued; a second administrator's approval submits it then, as the requester, with the devices
 * selected again at that moment. Every transition is audited in the transaction that makes it.
 */
public final class ActionApprovals {
    private static final int SWEEP_PAGE = 200;

    private final ApprovalPolicy policy;
    private final Approvals approvals;
    private final RemoteActions actions;
    private final ActionRequests requests;
    private final AuditLog audit;
    private final Clock clock;

    public ActionApprovals(ApprovalPolicy policy, Approvals approvals, RemoteActions actions, ActionRequests requests,
                           AuditLog audit, Clock clock) {
        this.policy = policy;
        this.approvals = approvals;
        this.actions = actions;
        this.requests = requests;
        this.audit = audit;
        this.clock = clock;
    }

    public ApprovalPolicy policy() {
        return policy;
    }

    /**
     * Submits at once, or holds the submission for approval when the policy covers it. The caller
     * has checked that the requester may ask for the action at all. A held submission is checked
     * as a submission would be, so bad input is refused now, not when someone approves it.
     */
    public Outcome submit(ActionSubmission submission, AdminActor requester, String reason) {
        if (submission.action() == null || !policy.covers(submission.action())) {
            return new Outcome.Queued(actions.submit(submission, requester.actor()));
        }
        String key = submission.idempotencyKey();
        if (key != null && requests.findByIdempotencyKey(requester.actor().name(), key).isPresent()) {
            // The key already named a queued request (asked before the policy covered it): a replay.
            return new Outcome.Queued(actions.submit(submission, requester.actor()));
        }
        List<Device> selected = actions.check(submission);
        java.util.Map<String, String> options = io.latchkey.core.action.ActionOptions.validate(submission.action(),
                submission.options());
        if (key != null) {
            Optional<ApprovalRequest> earlier = approvals.findByClientKey(requester.adminId(), key);
            if (earlier.isPresent()) {
                return new Outcome.Held(retried(earlier.get(), submission, options));
            }
        }
        Optional<String> why = policy.reasonFor(submission.action(), selected);
        if (why.isEmpty()) {
            return new Outcome.Queued(actions.submit(submission, requester.actor()));
        }
        String text = text(reason, "reason");
        Instant now = clock.instant();
        ApprovalRequest request = new ApprovalRequest(Ids.timeOrdered(), submission.action(),
                submission.target() == null ? io.latchkey.core.inventory.DeviceFilter.ALL : submission.target(),
                options, submission.timeToLive(), requester.adminId(), requester.actor().name(),
                requester.actor().address(), text, why.get(), selected.size(), now, now.plus(ApprovalRequest.LIFETIME),
                ApprovalState.PENDING, null, null, null, null, key);
        ApprovalRequest stored = approvals.create(request, event(requester.actor(), now, "approval.request",
                request.id(), why.get() + (text.isEmpty() ? "" : "; reason: " + text)));
        // A concurrent retry with the same key may have stored first: answer with its request.
        return new Outcome.Held(stored.id().equals(request.id()) ? request : retried(stored, submission, options));
    }

    private ApprovalRequest retried(ApprovalRequest earlier, ActionSubmission submission,
                                    java.util.Map<String, String> options) {
        if (!earlier.sameAs(submission, options)) {
            throw Rejected.conflict("idempotency key '" + earlier.clientKey()
                    + "' was already used for a different request (approval request " + earlier.id() + ")");
        }
        return current(earlier);
    }

    /**
     * Why this selection would be held, for a confirmation page to say before anything is stored;
     * empty when it would be queued at once (or the selection is empty or invalid: submit says why).
     */
    public Optional<String> wouldHold(io.latchkey.core.capability.Action action,
                                      io.latchkey.core.inventory.DeviceFilter target) {
        if (action == null || !policy.covers(action)) {
            return Optional.empty();
        }
        try {
            return policy.reasonFor(action, actions.check(new ActionSubmission(action, target, java.util.Map.of(),
                    null, null)));
        } catch (Rejected e) {
            return Optional.empty();
        }
    }

    /** The request, expired first if it is overdue (expiry is also swept, this makes it exact). */
    public ApprovalRequest find(UUID id) {
        ApprovalRequest request = approvals.find(id).orElseThrow(() -> Rejected.notFound("no approval request " + id));
        return current(request);
    }

    public Page<ApprovalRequest> page(ApprovalState state, String cursor, int limit) {
        return page(state, cursor, limit, null);
    }

    /**
     * @param onlyRequester null for every request; otherwise only that admin's own (a reader scoped to
     *                      some groups must not see what others asked about devices outside them; a
     *                      page may then hold fewer than {@code limit})
     */
    public Page<ApprovalRequest> page(ApprovalState state, String cursor, int limit, UUID onlyRequester) {
        Page<ApprovalRequest> page = approvals.page(state, cursor, limit);
        List<ApprovalRequest> items = new ArrayList<>(page.items().size());
        for (ApprovalRequest r : page.items()) {
            ApprovalRequest now = current(r);
            if ((state == null || now.state() == state)
                    && (onlyRequester == null || onlyRequester.equals(now.requesterId()))) {
                items.add(now);
            }
        }
        return new Page<>(items, page.nextCursor());
    }

    /** The action request an approval released, if it was approved and submitted. */
    public Optional<ActionRequest> actionOf(ApprovalRequest approval) {
        if (approval.state() != ApprovalState.APPROVED) {
            return Optional.empty();
        }
        return requests.findByIdempotencyKey(approval.requesterName(), approval.releaseKey());
    }

    /**
     * Approves and submits as the requester. Refused to the requester (any token or identity of
     * the same account), to an admin without APPROVE_ACTIONS or the action's permission, and once
     * the request is decided or expired. Two approvers at once: the store lets one win; the key
     * the submission carries would make even a second submission a replay of the first.
     */
    public Approved approve(UUID id, AdminActor approver, String comment) {
        ApprovalRequest request = find(id);
        checkDecider(request, approver, "approve");
        String text = text(comment, "comment");
        Instant now = clock.instant();
        decide(request, ApprovalState.APPROVED, approver, now, text, "approval.approve",
                "approved " + request.action().wireName() + " asked by " + request.requesterName()
                        + (text.isEmpty() ? "" : "; comment: " + text));
        Actor asRequester = new Actor(request.requesterName(), request.requesterAddress());
        Submitted submitted;
        try {
            submitted = actions.submit(request.submission(), asRequester,
                    "; approved by " + approver.actor().name() + " (approval " + id + ")");
        } catch (Rejected e) {
            // The devices are selected again now; if none is left there is nothing to queue.
            audit.append(event(approver.actor(), clock.instant(), "approval.submit.failed", id, e.getMessage()));
            throw e;
        }
        return new Approved(find(id), submitted);
    }

    public ApprovalRequest reject(UUID id, AdminActor decider, String comment) {
        ApprovalRequest request = find(id);
        checkDecider(request, decider, "reject");
        String text = text(comment, "comment");
        decide(request, ApprovalState.REJECTED, decider, clock.instant(), text, "approval.reject",
                "rejected " + request.action().wireName() + " asked by " + request.requesterName()
                        + (text.isEmpty() ? "" : "; comment: " + text));
        return find(id);
    }

    /** Withdraws a pending request: only its requester or an Administrator may. */
    public ApprovalRequest cancel(UUID id, AdminActor who, String comment) {
        ApprovalRequest request = find(id);
        if (!who.adminId().equals(request.requesterId()) && !who.administrator()) {
            throw new ApprovalRefused(ApprovalRefused.NOT_REQUESTER,
                    "only the requester or an Administrator may cancel an approval request");
        }
        String text = text(comment, "comment");
        decide(request, ApprovalState.CANCELLED, who, clock.instant(), text, "approval.cancel",
                "cancelled " + request.action().wireName() + " asked by " + request.requesterName()
                        + (text.isEmpty() ? "" : "; comment: " + text));
        return find(id);
    }

    /** Expires every pending request past its expiry; returns how many this call expired. */
    public int expireDue() {
        int expired = 0;
        String cursor = null;
        do {
            Page<ApprovalRequest> page = approvals.page(ApprovalState.PENDING, cursor, SWEEP_PAGE);
            for (ApprovalRequest r : page.items()) {
                if (r.overdue(clock.instant()) && expire(r)) {
                    expired++;
                }
            }
            cursor = page.nextCursor();
        } while (cursor != null);
        return expired;
    }

    private ApprovalRequest current(ApprovalRequest request) {
        if (request.overdue(clock.instant())) {
            expire(request);
            return approvals.find(request.id()).orElse(request);
        }
        return request;
    }

    private boolean expire(ApprovalRequest r) {
        Instant now = clock.instant();
        return approvals.decide(new ApprovalDecision(r.id(), ApprovalState.EXPIRED, null, Actor.SYSTEM.name(), now, ""),
                event(Actor.SYSTEM, now, "approval.expire", r.id(), r.action().wireName() + " asked by "
                        + r.requesterName() + " was not decided within " + ApprovalRequest.LIFETIME.toDays() + " days"));
    }

    private void checkDecider(ApprovalRequest request, AdminActor decider, String verb) {
        if (decider.adminId().equals(request.requesterId())) {
            throw new ApprovalRefused(ApprovalRefused.SELF_APPROVAL, "you asked for this " + request.action().wireName()
                    + ": another administrator must " + verb + " it" + (verb.equals("reject") ? " (cancel withdraws it)" : ""));
        }
        Permission needed = Permission.forAction(request.action());
        if (!decider.may(Permission.APPROVE_ACTIONS) || !decider.may(needed)) {
            throw new ApprovalRefused(ApprovalRefused.FORBIDDEN, "deciding this request needs the permissions "
                    + words(Permission.APPROVE_ACTIONS) + " and " + words(needed));
        }
    }

    private void decide(ApprovalRequest request, ApprovalState to, AdminActor who, Instant now, String comment,
                        String auditAction, String detail) {
        if (request.state() != ApprovalState.PENDING) {
            throw stateConflict(request);
        }
        boolean won = approvals.decide(new ApprovalDecision(request.id(), to, who.adminId(), who.actor().name(), now,
                comment), event(who.actor(), now, auditAction, request.id(), detail));
        if (!won) {
            throw stateConflict(find(request.id()));
        }
    }

    private static Rejected stateConflict(ApprovalRequest now) {
        return Rejected.conflict("approval request " + now.id() + " is already " + now.state().wireName()
                + (now.decidedBy() == null ? "" : " (by " + now.decidedBy() + ")"));
    }

    private static String text(String value, String what) {
        String s = value == null ? "" : value.strip();
        if (s.length() > ApprovalRequest.MAX_TEXT) {
            throw Rejected.invalid("the " + what + " must be at most " + ApprovalRequest.MAX_TEXT + " characters");
        }
        return s;
    }

    private static String words(Permission p) {
        return p.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private static AuditEvent event(Actor actor, Instant at, String action, UUID approvalId, String detail) {
        return new AuditEvent(UUID.randomUUID(), at, actor.name(), actor.address(), action, "approvalRequest",
                approvalId.toString(), detail);
    }
}
