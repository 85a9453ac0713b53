package io.latchkey.store.jdbc.action;

import io.latchkey.core.action.ActionRequest;
import io.latchkey.core.action.ActionRequests;
import io.latchkey.core.action.Command;
import io.latchkey.core.action.CommandState;
import io.latchkey.core.audit.AuditEvent;
import io.latchkey.core.inventory.Page;
import io.latchkey.store.jdbc.Conditions;
import io.latchkey.store.jdbc.Cursor;
import io.latchkey.store.jdbc.Dialect;
import io.latchkey.store.jdbc.FormText;
import io.latchkey.store.jdbc.SqlValues;
import io.latchkey.store.jdbc.StorageException;
import io.latchkey.store.jdbc.audit.JdbcAuditLog;
import org.jdbi.v3.core.Jdbi;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Action requests, stored with all their commands and their audit event in one transaction. The
 * unique (requested_by, idempotency_key) constraint settles concurrent duplicates: the loser's
 * transaction rolls back and it answers with the winner's request.
 */
public final class JdbcActionRequests implements ActionRequests {
    private static final String CURSOR_TAG = "request:created";
    private final Jdbi jdbi;
    private final Dialect dialect;

    public JdbcActionRequests(Jdbi jdbi, Dialect dialect) {
        this.jdbi = jdbi;
        this.dialect = dialect;
    }

    @Override
    public ActionRequest create(ActionRequest request, List<Command> commands, AuditEvent event) {
        CommandRows.checkBelong(request, commands);
        // Nothing to wake when no command is pending; nothing to expire when none is open.
        boolean anyPending = commands.stream().anyMatch(c -> c.state() == CommandState.PENDING);
        boolean anyOpen = anyPending || commands.stream().anyMatch(c -> !c.state().terminal());
        try {
            jdbi.useTransaction(h -> {
                String target = RequestRows.encodeTarget(request.target());
                var insert = h.createUpdate(RequestRows.insert(dialect));
                if (dialect != Dialect.SQLITE) {
                    insert.bind("target", target);
                }
                long requestNo = insert
                        .bind("id", request.id())
                        .bind("action", request.action().name())
                        .bind("options", FormText.encode(request.options()))
                        .bind("requestedBy", request.requestedBy())
                        .bind("requestedFrom", request.requestedFrom())
                        .bind("idempotencyKey", request.idempotencyKey())
                        .bind("fingerprint", request.fingerprint())
                        .bind("createdAt", request.createdAt())
                        .bind("expiresAt", request.expiresAt())
                        .bind("deviceCount", request.deviceCount())
                        .bind("notSupported", request.notSupported())
                        .bind("wakeupsDone", !anyPending)
                        .bind("expiryDone", !anyOpen)
                        .executeAndReturnGeneratedKeys("request_no").mapTo(Long.class).one();
                if (dialect == Dialect.SQLITE) {
                    h.createUpdate(RequestRows.SQLITE_INSERT_TARGET).bind("no", requestNo).bind("target", target).execute();
                }
                CommandRows.insertAll(h.getConnection(), dialect, requestNo, commands);
                if (event != null) {
                    JdbcAuditLog.insert(h, dialect, event);
                }
            });
            return request;
        } catch (SQLException | RuntimeException e) {
            RuntimeException failure = e instanceof SQLException sql ? new StorageException(sql) : (RuntimeException) e;
            if (request.idempotencyKey() != null && SqlValues.uniqueViolation(e)) {
                // The rolled-back transaction wrote nothing; the winner has committed by now,
                // because the database made us wait on its uncommitted key before failing.
                return findByIdempotencyKey(request.requestedBy(), request.idempotencyKey()).orElseThrow(() -> failure);
            }
            throw failure;
        }
    }

    @Override
    public Optional<ActionRequest> find(UUID id) {
        return jdbi.withHandle(h -> h.createQuery(RequestRows.select(dialect) + " WHERE id = :id").bind("id", id)
                .map((rs, ctx) -> RequestRows.map(rs)).findOne());
    }

    @Override
    public Optional<ActionRequest> findByIdempotencyKey(String requestedBy, String idempotencyKey) {
        return jdbi.withHandle(h -> h.createQuery(RequestRows.select(dialect)
                        + " WHERE requested_by = :by AND idempotency_key = :key")
                .bind("by", requestedBy).bind("key", idempotencyKey)
                .map((rs, ctx) -> RequestRows.map(rs)).findOne());
    }

    @Override
    public Page<ActionRequest> page(String cursor, int limit) {
        return page(null, cursor, limit);
    }

    @Override
    public Page<ActionRequest> pageRequestedBy(String requestedBy, String cursor, int limit) {
        return page(java.util.Objects.requireNonNull(requestedBy, "requestedBy"), cursor, limit);
    }

    private Page<ActionRequest> page(String requestedBy, String cursor, int limit) {
        Conditions.checkLimit(limit);
        Conditions where = new Conditions();
        if (requestedBy != null) {
            where.add("requested_by = :requestedBy").bind("requestedBy", requestedBy);
        }
        Cursor after = Cursor.decode(cursor, CURSOR_TAG, 2);
        if (after != null) {
            where.add("created_at <= :afterAt AND (created_at < :afterAt OR id < :afterId)")
                    .bind("afterAt", after.instant(0)).bind("afterId", after.uuid(1));
        }
        String sql = RequestRows.select(dialect) + where.sql() + " ORDER BY created_at DESC, id DESC LIMIT :limit";
        List<ActionRequest> rows = jdbi.withHandle(h -> h.createQuery(sql).bindMap(where.params())
                .bind("limit", limit + 1).map((rs, ctx) -> RequestRows.map(rs)).list());
        if (rows.size() <= limit) {
            return new Page<>(rows, null);
        }
        List<ActionRequest> items = rows.subList(0, limit);
        ActionRequest last = items.get(limit - 1);
        return new Page<>(items, Cursor.encode(CURSOR_TAG, Cursor.micros(last.createdAt()), last.id().toString()));
    }
}
