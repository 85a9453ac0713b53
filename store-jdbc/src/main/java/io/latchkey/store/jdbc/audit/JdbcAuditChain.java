package io.latchkey.store.jdbc.audit;

import io.latchkey.core.audit.AuditChain;
import io.latchkey.core.audit.AuditEvent;
import io.latchkey.core.audit.AuditHash;
import io.latchkey.store.jdbc.SqlValues;
import io.latchkey.store.jdbc.StorageException;
import org.jdbi.v3.core.Jdbi;

import java.sql.SQLException;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Reads the audit hash chain in chain order, streaming (the log may hold millions of entries), and
 * recomputes it: an edited entry no longer matches its hash, a removed one leaves a gap in the
 * numbers and a broken link, reordered ones break the links, and removing the newest entries
 * leaves the chain short of its head.
 */
public final class JdbcAuditChain implements AuditChain {
    private static final String SELECT = "SELECT chain_no, id, occurred_at, actor, source, action, target_type, target,"
            + " detail, prev_hash, entry_hash FROM audit_event ORDER BY chain_no";
    private static final int FETCH = 1_000;

    private final Jdbi jdbi;

    public JdbcAuditChain(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public Verification verify() {
        String[] head = jdbi.withHandle(h -> h.createQuery("SELECT last_no, last_hash FROM audit_chain_head WHERE id = 1")
                .map((rs, ctx) -> new String[] {Long.toString(rs.getLong(1)), rs.getString(2)}).one());
        long headNo = Long.parseLong(head[0]);
        Check check = new Check();
        forEach(check);
        if (check.problem == null && check.count != headNo) {
            check.problem = "the log ends at entry " + check.count + " but its head says " + headNo
                    + ": the newest entries were removed";
        }
        if (check.problem == null && !Objects.equals(check.previous, head[1])) {
            check.problem = "the last entry's hash differs from the head's: the head or the last entry was changed";
        }
        return new Verification(check.count, head[1], check.problem);
    }

    @Override
    public void forEach(Consumer<Link> sink) {
        try {
            stream(sink);
        } catch (SQLException e) {
            throw new StorageException(e);
        }
    }

    private void stream(Consumer<Link> sink) throws SQLException {
        jdbi.useHandle(h -> {
            // SQLite: a transaction there begins IMMEDIATE and would hold the only write lock
            // for the whole walk; an autocommit read in WAL mode already sees one snapshot.
            boolean inTransaction = !h.getConnection().isWrapperFor(org.sqlite.SQLiteConnection.class);
            if (inTransaction) {
                h.getConnection().setAutoCommit(false); // PostgreSQL streams with a fetch size only inside a transaction
            }
            try {
                h.createQuery(SELECT).setFetchSize(FETCH).map((rs, ctx) -> {
                    Long number = (Long) rs.getObject("chain_no", Long.class);
                    AuditEvent e = new AuditEvent(SqlValues.uuid(rs, "id"), SqlValues.instant(rs, "occurred_at"),
                            rs.getString("actor"), rs.getString("source"), rs.getString("action"),
                            rs.getString("target_type"), rs.getString("target"), rs.getString("detail"));
                    return new Link(number == null ? 0 : number, e, rs.getString("prev_hash"), rs.getString("entry_hash"));
                }).forEach(sink);
            } finally {
                if (inTransaction) {
                    h.getConnection().rollback();
                    h.getConnection().setAutoCommit(true);
                }
            }
        });
    }

    /** Walks the links in order and keeps the first problem. */
    private static final class Check implements Consumer<Link> {
        long count;
        String previous = AuditHash.GENESIS;
        String problem;

        @Override
        public void accept(Link link) {
            if (problem != null) {
                return;
            }
            count++;
            if (link.number() != count) {
                problem = "entry " + count + " is missing (the next one is numbered " + link.number() + ")";
            } else if (!previous.equals(link.previousHash())) {
                problem = "entry " + count + " (" + link.event().id() + ") does not follow entry " + (count - 1)
                        + ": an entry before it was changed, removed or moved";
            } else if (!AuditHash.of(previous, count, link.event()).equals(link.hash())) {
                problem = "entry " + count + " (" + link.event().id() + ", " + link.event().action()
                        + ") was changed after it was written";
            }
            previous = link.hash();
        }
    }
}
