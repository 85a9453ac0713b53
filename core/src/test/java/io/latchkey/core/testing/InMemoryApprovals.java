package io.latchkey.core.testing;

import io.latchkey.core.approval.ApprovalDecision;
import io.latchkey.core.approval.ApprovalRequest;
import io.latchkey.core.approval.ApprovalState;
import io.latchkey.core.approval.Approvals;
import io.latchkey.core.audit.AuditEvent;
import io.latchkey.core.audit.AuditLog;
import io.latchkey.core.inventory.Page;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** {@link Approvals} in memory: the conditional decision under one lock, like the store's UPDATE. */
public final class InMemoryApprovals implements Approvals {
    private final Map<UUID, ApprovalRequest> rows = new LinkedHashMap<>();
    private final AuditLog audit;

    public InMemoryApprovals(AuditLog audit) {
        this.audit = audit;
    }

    @Override
    public synchronized ApprovalRequest create(ApprovalRequest request, AuditEvent event) {
        if (request.clientKey() != null) {
            Optional<ApprovalRequest> earlier = findByClientKey(request.requesterId(), request.clientKey());
            if (earlier.isPresent()) {
                return earlier.get();
            }
        }
        rows.put(request.id(), request);
        audit.append(event);
        return request;
    }

    @Override
    public synchronized Optional<ApprovalRequest> findByClientKey(UUID requesterId, String clientKey) {
        return rows.values().stream().filter(r -> r.requesterId().equals(requesterId)
                && clientKey.equals(r.clientKey())).findFirst();
    }

    @Override
    public synchronized Optional<ApprovalRequest> find(UUID id) {
        return Optional.ofNullable(rows.get(id));
    }

    @Override
    public synchronized Page<ApprovalRequest> page(ApprovalState state, String cursor, int limit) {
        return Paging.page(rows.values().stream().filter(r -> state == null || r.state() == state)
                .sorted(Comparator.comparing(ApprovalRequest::createdAt).reversed()).toList(),
                r -> r.id().toString(), cursor, limit);
    }

    @Override
    public synchronized boolean decide(ApprovalDecision d, AuditEvent event) {
        ApprovalRequest r = rows.get(d.approvalId());
        boolean due = !d.at().isBefore(r == null ? d.at() : r.expiresAt());
        if (r == null || r.state() != ApprovalState.PENDING || (d.to() == ApprovalState.EXPIRED) != due) {
            return false;
        }
        rows.put(r.id(), new ApprovalRequest(r.id(), r.action(), r.target(), r.options(), r.timeToLive(),
                r.requesterId(), r.requesterName(), r.requesterAddress(), r.reason(), r.policyReason(),
                r.deviceCount(), r.createdAt(), r.expiresAt(), d.to(), d.deciderId(), d.decidedBy(), d.at(),
                d.comment(), r.clientKey()));
        audit.append(event);
        return true;
    }

    public synchronized List<ApprovalRequest> all() {
        return new ArrayList<>(rows.values());
    }
}
