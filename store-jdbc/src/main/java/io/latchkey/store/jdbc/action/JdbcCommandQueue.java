package io.latchkey.store.jdbc.action;

import io.latchkey.core.action.ChannelKind;
import io.latchkey.core.action.Command;
import io.latchkey.core.action.CommandQueue;
import io.latchkey.store.jdbc.Dialect;
import io.latchkey.store.jdbc.SqlValues;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.Argument;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The queue side of commands. {@link #dueFor} runs on every check-in and is an index seek on
 * (device_id, created_at). On PostgreSQL, wake-up claims lock the rows they take with {@code FOR
 * UPDATE SKIP LOCKED}, so concurrent nodes never take the same command; on embedded H2 a JVM lock
 * serialises claims (see {@link Dialect}). The lease is the wake_due_at column moved to the lease
 * end.
 */
public final class JdbcCommandQueue implements CommandQueue {
    private static final String DUE = CommandRows.SELECT
            + " WHERE c.device_id = :deviceId AND c.state IN ('PENDING', 'SENT')"
            + " ORDER BY c.created_at, c.id LIMIT :max";
    /**
     * wake_due_at is set only while a command is pending (every transition out of pending clears
     * it), so no state test is needed, and leaving it out keeps H2 on the wake-up index instead
     * of scanning every pending command through the expiry index. The lower bound gives H2 an
     * index range that skips the NULLs (wake-up done) in front.
     */
    private static final String CLAIMABLE = "SELECT c.id FROM command c WHERE c.channel = :channel"
            + " AND c.wake_due_at >= :epoch AND c.wake_due_at <= :now"
            + " ORDER BY c.wake_due_at LIMIT :max";

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

    @Override
    public List<Command> claimWakeups(ChannelKind channel, int max, Instant now, Instant leaseUntil) {
        if (max < 1) {
            return List.of();
        }
        if (!dialect.claimsInProcess()) {
            return claim(channel, max, now, leaseUntil);
        }
        claims.lock();
        try {
            return claim(channel, max, now, leaseUntil);
        } finally {
            claims.unlock();
        }
    }

    private List<Command> claim(ChannelKind channel, int max, Instant now, Instant leaseUntil) {
        return jdbi.inTransaction(h -> {
            List<UUID> ids = h.createQuery(CLAIMABLE + dialect.claimLock()).bind("channel", channel.name()).bind("epoch", Instant.EPOCH)
                    .bind("now", now).bind("max", max).mapTo(UUID.class).list();
            if (ids.isEmpty()) {
                return List.of();
            }
            Argument idArray = array(ids);
            h.createUpdate("UPDATE command SET wake_due_at = :lease WHERE id = ANY(:ids)")
                    .bind("lease", leaseUntil).bind("ids", idArray).execute();
            return h.createQuery(CommandRows.SELECT + " WHERE c.id = ANY(:ids) ORDER BY c.created_at, c.id")
                    .bind("ids", idArray).map(new CommandRows.Mapper()).list();
        });
    }

    @Override
    public void wakeupsDone(Collection<UUID> commandIds) {
        if (commandIds.isEmpty()) {
            return;
        }
        jdbi.useHandle(h -> h.createUpdate("UPDATE command SET wake_due_at = NULL WHERE id = ANY(:ids)")
                .bind("ids", array(List.copyOf(commandIds))).execute());
    }

    private Argument array(List<UUID> ids) {
        return (position, statement, ctx) ->
                statement.setArray(position, SqlValues.uuidArray(statement.getConnection(), dialect, ids));
    }
}
