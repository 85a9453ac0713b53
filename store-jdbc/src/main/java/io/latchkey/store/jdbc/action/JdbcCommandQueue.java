package io.latchkey.store.jdbc.action;

import io.latchkey.core.action.Command;
import io.latchkey.core.action.CommandQueue;
import io.latchkey.core.action.WakeupBatch;
import io.latchkey.core.capability.Action;
import io.latchkey.store.jdbc.Dialect;
import io.latchkey.store.jdbc.FormText;
import io.latchkey.store.jdbc.SqlValues;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The queue side of commands. {@link #dueFor} runs on every check-in and is an index seek on the
 * device. Wake-ups walk each request's commands behind a cursor on its action_request row: a claim
 * leases the oldest request with wake-ups left (an index seek on the wake-up index, which holds
 * only such requests) and reads the window after its cursor as a range of command keys (pos, see
 * {@link CommandRows#pos}); done moves the cursor in one row update. On PostgreSQL the claim locks the request row
 * with {@code FOR UPDATE SKIP LOCKED}, so nodes never share a request; on embedded H2 a JVM lock
 * serialises claims (see {@link Dialect}).
 */
public final class JdbcCommandQueue implements CommandQueue {
    private static final String DUE = CommandRows.SELECT
            + " WHERE c.device_id = :deviceId AND c.state IN ('PENDING', 'SENT')"
            + " ORDER BY r.created_at, c.id LIMIT :max";
    /** The lease test is not in the index: only requests being woken are in it, leased or not. */
    private static final String CLAIMABLE = "SELECT id, request_no, wake_seq, device_count, action, created_at, expires_at,"
            + " options FROM action_request WHERE wakeups_done = FALSE"
            + " AND (wake_lease_until IS NULL OR wake_lease_until < :now) ORDER BY created_at, id LIMIT 1";
    private static final String WINDOW = "SELECT " + CommandRows.OWN_COLUMNS + " FROM command c"
            + " WHERE c.pos >= :from AND c.pos < :to AND c.state = 'PENDING' ORDER BY c.pos";

    private final Jdbi jdbi;
    private final Dialect dialect;
    private final ReentrantLock claims = new ReentrantLock();

    public JdbcCommandQueue(Jdbi jdbi, Dialect dialect) {
        this.jdbi = jdbi;
        this.dialect = dialect;
    }

    @Override
    public List<Command> dueFor(UUID deviceId, int max) {
        return jdbi.withHandle(h -> h.createQuery(DUE).bind("deviceId", deviceId).bind("max", max)
                .map(new CommandRows.Mapper()).list());
    }

    /**
     * Walks the live requests (the expiry index) and, for each, its commands' key range, so the
     * sweep reads the open part of live requests and never the history of finished ones.
     */
    @Override
    public List<Command> stale(Instant before, Instant now, int max) {
        return jdbi.withHandle(h -> h.createQuery(CommandRows.SELECT
                        + " WHERE r.expiry_done = FALSE AND r.expires_at > :now AND r.created_at < :before"
                        + " AND c.pos >= r.request_no * " + CommandRows.MAX_COMMANDS
                        + " AND c.pos < (r.request_no + 1) * " + CommandRows.MAX_COMMANDS
                        + " AND c.state IN ('PENDING', 'SENT') AND COALESCE(c.updated_at, r.created_at) < :before"
                        + " ORDER BY COALESCE(c.updated_at, r.created_at), c.pos LIMIT :max")
                .bind("now", now).bind("before", before).bind("max", max)
                .map(new CommandRows.Mapper()).list());
    }

    @Override
    public boolean deferred(UUID commandId, String detail, Instant at) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE command SET detail = :detail, updated_at = :at"
                        + " WHERE id = :id AND state = 'SENT'")
                .bind("detail", detail).bind("at", at).bind("id", commandId).execute()) == 1;
    }

    @Override
    public Optional<WakeupBatch> claimWakeups(int max, Instant now, Instant leaseUntil) {
        if (max < 1) {
            return Optional.empty();
        }
        if (!dialect.claimsInProcess()) {
            return jdbi.inTransaction(h -> claim(h, max, now, leaseUntil));
        }
        claims.lock();
        try {
            return jdbi.inTransaction(h -> claim(h, max, now, leaseUntil));
        } finally {
            claims.unlock();
        }
    }

    private record Claimable(UUID id, long requestNo, int from, int deviceCount, CommandRows.Shared shared) {
    }

    private Optional<WakeupBatch> claim(Handle h, int max, Instant now, Instant leaseUntil) {
        Optional<Claimable> found = h.createQuery(CLAIMABLE + dialect.claimLock()).bind("now", now)
                .map((rs, ctx) -> new Claimable(SqlValues.uuid(rs, "id"), rs.getLong("request_no"), rs.getInt("wake_seq"),
                        rs.getInt("device_count"), new CommandRows.Shared(Action.valueOf(rs.getString("action")),
                        SqlValues.instant(rs, "created_at"), SqlValues.instant(rs, "expires_at"),
                        Map.copyOf(FormText.decode(rs.getString("options"))))))
                .findFirst();
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Claimable r = found.get();
        h.createUpdate("UPDATE action_request SET wake_lease_until = :lease WHERE id = :id")
                .bind("lease", leaseUntil).bind("id", r.id()).execute();
        int to = (int) Math.min((long) r.from() + max, r.deviceCount());
        if (to <= r.from()) {
            // Cannot happen while wakeups_done is kept right; a window of one still lets done fix it.
            to = r.from() + 1;
        }
        List<Command> pending = h.createQuery(WINDOW).bind("from", CommandRows.pos(r.requestNo(), r.from()))
                .bind("to", CommandRows.pos(r.requestNo(), to)).map(CommandRows.Mapper.of(r.shared())).list();
        return Optional.of(new WakeupBatch(r.id(), r.from(), to, pending));
    }

    @Override
    public void wakeupsDone(WakeupBatch batch) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE action_request SET wake_seq = :to, wake_lease_until = NULL,"
                        + " wakeups_done = (:to >= device_count) WHERE id = :id AND wake_seq = :from")
                .bind("to", batch.toSeq()).bind("id", batch.requestId()).bind("from", batch.fromSeq()).execute());
    }
}
