package io.latchkey.store.jdbc.audit;

import io.latchkey.core.audit.AuditEvent;
import io.latchkey.core.audit.AuditHash;
import io.latchkey.core.audit.AuditFilter;
import io.latchkey.core.audit.AuditLog;
import io.latchkey.core.inventory.Page;
import io.latchkey.store.jdbc.Conditions;
import io.latchkey.store.jdbc.Cursor;
import io.latchkey.store.jdbc.Dialect;
import io.latchkey.store.jdbc.SqlValues;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.util.ArrayList;
import java.util.List;

/** The append-only audit log, newest first by time, then by append order. */
public final class JdbcAuditLog implements AuditLog {
    private static final String CURSOR_TAG = "audit:time";
    private static final String SELECT = "SELECT seq, id, occurred_at, actor, source, action, target_type, target,"
            + " detail FROM audit_event";
    private final Jdbi jdbi;
    private final Dialect dialect;

    public JdbcAuditLog(Jdbi jdbi, Dialect dialect) {
        this.jdbi = jdbi;
        this.dialect = dialect;
    }

    @Override
    public void append(AuditEvent event) {
        jdbi.useTransaction(h -> insert(h, dialect, event));
    }

    /**
     * Appends within the caller's transaction, for writes that must be audited atomically. The
     * entry joins the hash chain (core AuditHash): the chain's head row is locked until the caller
     * commits, so appends from every node take their numbers one after another. Callers append last
     * in their transaction to hold that lock briefly.
     */
    public static void insert(Handle h, Dialect dialect, AuditEvent e) {
        var head = h.createQuery("SELECT last_no, last_hash FROM audit_chain_head WHERE id = 1" + dialect.forUpdate())
                .map((rs, ctx) -> new Object[] {rs.getLong(1), rs.getString(2)}).one();
        long number = (Long) head[0] + 1;
        String previous = (String) head[1];
        String hash = AuditHash.of(previous, number, e);
        h.createUpdate("INSERT INTO audit_event (id, occurred_at, actor, source, action, target_type, target, detail,"
                        + " chain_no, prev_hash, entry_hash)"
                        + " VALUES (:id, :at, :actor, :source, :action, :targetType, :target, :detail, :no, :prev, :hash)")
                .bind("id", e.id()).bind("at", AuditHash.stored(e.at())).bind("actor", e.actor())
                .bind("source", e.source()).bind("action", e.action()).bind("targetType", e.targetType())
                .bind("target", e.target()).bind("detail", e.detail())
                .bind("no", number).bind("prev", previous).bind("hash", hash).execute();
        h.createUpdate("UPDATE audit_chain_head SET last_no = :no, last_hash = :hash WHERE id = 1")
                .bind("no", number).bind("hash", hash).execute();
    }

    @Override
    public Page<AuditEvent> page(String cursor, int limit) {
        return page(AuditFilter.ALL, cursor, limit);
    }

    /** The filter's fields become predicates; the time index still orders and bounds the scan. */
    @Override
    public Page<AuditEvent> page(AuditFilter filter, String cursor, int limit) {
        Conditions.checkLimit(limit);
        Conditions where = new Conditions();
        AuditFilter f = filter == null ? AuditFilter.ALL : filter;
        if (f.actor() != null) {
            where.add("actor = :actor").bind("actor", f.actor());
        }
        if (f.action() != null) {
            where.add("action LIKE :action" + Conditions.LIKE_ESCAPE).bind("action", prefixPattern(f.action()));
        }
        if (f.target() != null) {
            where.add("(LOWER(target) LIKE :target" + Conditions.LIKE_ESCAPE + " OR LOWER(detail) LIKE :target"
                    + Conditions.LIKE_ESCAPE + ")").bind("target", Conditions.containsPattern(f.target()));
        }
        if (f.from() != null) {
            where.add("occurred_at >= :from").bind("from", f.from());
        }
        if (f.to() != null) {
            where.add("occurred_at < :to").bind("to", f.to());
        }
        Cursor after = Cursor.decode(cursor, CURSOR_TAG, 2);
        if (after != null) {
            where.add("occurred_at <= :afterAt AND (occurred_at < :afterAt OR seq < :afterSeq)")
                    .bind("afterAt", after.instant(0)).bind("afterSeq", after.number(1));
        }
        String sql = SELECT + where.sql() + " ORDER BY occurred_at DESC, seq DESC LIMIT :limit";
        List<Long> seqs = new ArrayList<>();
        List<AuditEvent> rows = jdbi.withHandle(h -> h.createQuery(sql).bindMap(where.params())
                .bind("limit", limit + 1).map((rs, ctx) -> {
                    seqs.add(rs.getLong("seq"));
                    return new AuditEvent(SqlValues.uuid(rs, "id"), SqlValues.instant(rs, "occurred_at"),
                            rs.getString("actor"), rs.getString("source"), rs.getString("action"),
                            rs.getString("target_type"), rs.getString("target"), rs.getString("detail"));
                }).list());
        if (rows.size() <= limit) {
            return new Page<>(rows, null);
        }
        AuditEvent last = rows.get(limit - 1);
        return new Page<>(rows.subList(0, limit),
                Cursor.encode(CURSOR_TAG, Cursor.micros(last.at()), Long.toString(seqs.get(limit - 1))));
    }

    private static String prefixPattern(String prefix) {
        return prefix.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
    }
}
