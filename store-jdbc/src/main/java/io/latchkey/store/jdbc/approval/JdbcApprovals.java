package io.latchkey.store.jdbc.approval;

import io.latchkey.core.approval.ApprovalDecision;
import io.latchkey.core.approval.ApprovalRequest;
import io.latchkey.core.approval.ApprovalState;
import io.latchkey.core.approval.Approvals;
import io.latchkey.core.audit.AuditEvent;
import io.latchkey.core.capability.Action;
import io.latchkey.core.inventory.Page;
import io.latchkey.store.jdbc.Conditions;
import io.latchkey.store.jdbc.Cursor;
import io.latchkey.store.jdbc.FormText;
import io.latchkey.store.jdbc.SqlValues;
import io.latchkey.store.jdbc.action.RequestRows;
import io.latchkey.store.jdbc.audit.JdbcAuditLog;
import io.latchkey.store.jdbc.Dialect;
import org.jdbi.v3.core.Jdbi;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static io.latchkey.store.jdbc.SqlValues.instant;
import static io.latchkey.store.jdbc.SqlValues.uuid;

/**
 * Approval requests. A decision is one conditional UPDATE (still pending, expiry on the right
 * side of the decision's time) plus its audit entry, in one transaction: on both databases the
 * row lock the UPDATE takes makes a concurrent decider's UPDATE see the new state and match
 * nothing, so exactly one wins.
 */
public final class JdbcApprovals implements Approvals {
    private static final String CURSOR_TAG = "approvals:time";
    private static final String SELECT = "SELECT id, action, target, options, ttl_seconds, requester_id,"
            + " requester_name, requester_address, reason, policy_reason, device_count, created_at, expires_at,"
            + " state, decided_by_id, decided_by, decided_at, decision_comment, client_key FROM approval_request";

    private final Jdbi jdbi;
    private final Dialect dialect;

    public JdbcApprovals(Jdbi jdbi, Dialect dialect) {
        this.jdbi = jdbi;
        this.dialect = dialect;
    }

    @Override
    public ApprovalRequest create(ApprovalRequest r, AuditEvent event) {
        if (r.clientKey() != null) {
            Optional<ApprovalRequest> earlier = findByClientKey(r.requesterId(), r.clientKey());
            if (earlier.isPresent()) {
                return earlier.get();
            }
        }
        try {
            insert(r, event);
            return r;
        } catch (RuntimeException e) {
            // A concurrent call with the same key inserted first: the unique constraint says so.
            if (r.clientKey() != null && SqlValues.uniqueViolation(e)) {
                return findByClientKey(r.requesterId(), r.clientKey()).orElseThrow(() -> e);
            }
            throw e;
        }
    }

    @Override
    public Optional<ApprovalRequest> findByClientKey(UUID requesterId, String clientKey) {
        return jdbi.withHandle(h -> h.createQuery(SELECT + " WHERE requester_id = :requester AND client_key = :key")
                .bind("requester", requesterId).bind("key", clientKey).map((rs, ctx) -> map(rs)).findOne());
    }

    private void insert(ApprovalRequest r, AuditEvent event) {
        jdbi.useTransaction(h -> {
            h.createUpdate("INSERT INTO approval_request (id, action, target, options, ttl_seconds, requester_id,"
                            + " requester_name, requester_address, reason, policy_reason, device_count, created_at,"
                            + " expires_at, state, client_key) VALUES (:id, :action, :target, :options, :ttl,"
                            + " :requesterId, :requesterName, :requesterAddress, :reason, :policyReason, :deviceCount,"
                            + " :createdAt, :expiresAt, :state, :clientKey)")
                    .bind("id", r.id()).bind("action", r.action().name())
                    .bind("target", RequestRows.encodeTarget(r.target()))
                    .bind("options", FormText.encode(r.options()))
                    .bind("ttl", r.timeToLive() == null ? null : r.timeToLive().toSeconds())
                    .bind("requesterId", r.requesterId()).bind("requesterName", r.requesterName())
                    .bind("requesterAddress", r.requesterAddress()).bind("reason", r.reason())
                    .bind("policyReason", r.policyReason()).bind("deviceCount", r.deviceCount())
                    .bind("createdAt", r.createdAt()).bind("expiresAt", r.expiresAt())
                    .bind("state", r.state().name()).bind("clientKey", r.clientKey()).execute();
            JdbcAuditLog.insert(h, dialect, event);
        });
    }

    @Override
    public Optional<ApprovalRequest> find(UUID id) {
        return jdbi.withHandle(h -> h.createQuery(SELECT + " WHERE id = :id").bind("id", id)
                .map((rs, ctx) -> map(rs)).findOne());
    }

    @Override
    public Page<ApprovalRequest> page(ApprovalState state, String cursor, int limit) {
        Conditions.checkLimit(limit);
        Conditions where = new Conditions();
        if (state != null) {
            where.add("state = :state").bind("state", state.name());
        }
        Cursor after = Cursor.decode(cursor, CURSOR_TAG, 2);
        if (after != null) {
            where.add("created_at <= :afterAt AND (created_at < :afterAt OR id < :afterId)")
                    .bind("afterAt", after.instant(0)).bind("afterId", after.uuid(1));
        }
        String sql = SELECT + where.sql() + " ORDER BY created_at DESC, id DESC LIMIT :limit";
        List<ApprovalRequest> rows = jdbi.withHandle(h -> h.createQuery(sql).bindMap(where.params())
                .bind("limit", limit + 1).map((rs, ctx) -> map(rs)).list());
        if (rows.size() <= limit) {
            return new Page<>(rows, null);
        }
        List<ApprovalRequest> items = rows.subList(0, limit);
        ApprovalRequest last = items.get(limit - 1);
        return new Page<>(items, Cursor.encode(CURSOR_TAG, Cursor.micros(last.createdAt()), last.id().toString()));
    }

    @Override
    public boolean decide(ApprovalDecision d, AuditEvent event) {
        String due = d.to() == ApprovalState.EXPIRED ? "expires_at <= :at" : "expires_at > :at";
        String sql = "UPDATE approval_request SET state = :to, decided_by = :by, decided_at = :at,"
                + " decision_comment = :comment" + (d.deciderId() == null ? "" : ", decided_by_id = :byId")
                + " WHERE id = :id AND state = 'PENDING' AND " + due;
        return jdbi.inTransaction(h -> {
            var update = h.createUpdate(sql).bind("to", d.to().name()).bind("by", d.decidedBy()).bind("at", d.at())
                    .bind("comment", d.comment()).bind("id", d.approvalId());
            if (d.deciderId() != null) {
                update.bind("byId", d.deciderId());
            }
            if (update.execute() != 1) {
                return false;
            }
            JdbcAuditLog.insert(h, dialect, event);
            return true;
        });
    }

    private static ApprovalRequest map(ResultSet rs) throws SQLException {
        long ttl = rs.getLong("ttl_seconds");
        Duration timeToLive = rs.wasNull() ? null : Duration.ofSeconds(ttl);
        String state = rs.getString("state");
        return new ApprovalRequest(uuid(rs, "id"), Action.valueOf(rs.getString("action")),
                RequestRows.decodeTarget(rs.getString("target")), FormText.decode(rs.getString("options")),
                timeToLive, uuid(rs, "requester_id"), rs.getString("requester_name"),
                rs.getString("requester_address"), rs.getString("reason"), rs.getString("policy_reason"),
                rs.getInt("device_count"), instant(rs, "created_at"), instant(rs, "expires_at"),
                ApprovalState.valueOf(state), uuid(rs, "decided_by_id"), rs.getString("decided_by"),
                instant(rs, "decided_at"), rs.getString("decision_comment"), rs.getString("client_key"));
    }
}
