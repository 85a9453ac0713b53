package io.latchkey.store.jdbc.action;

import io.latchkey.core.action.CommandEvent;
import io.latchkey.core.action.CommandState;
import io.latchkey.core.action.CommandTransitions;
import io.latchkey.core.action.SealedSecret;
import io.latchkey.core.action.Transition;
import io.latchkey.store.jdbc.Dialect;
import io.latchkey.store.jdbc.SqlValues;
import io.latchkey.store.jdbc.StorageException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;

/**
 * State changes as compare-and-set updates, each with its command_event row (and sealed secret)
 * in the same transaction. Expiry is driven by requests, since a command's time to live is its
 * request's: a pass takes the request expired longest ago that may still have open commands (the
 * expiry index holds only those) and expires the open ones after its expiry cursor, in bounded
 * batches, moving the cursor past them.
 */
public final class JdbcCommandTransitions implements CommandTransitions {
    private static final String EXPIRED_DETAIL = "time to live ended before the device completed it";
    private static final String SYSTEM = "system";

    private static final String OPEN = "('PENDING', 'SENT', 'ACKNOWLEDGED')";
    private static final String EXPIRABLE = "SELECT id, request_no, expiry_seq, device_count FROM action_request"
            + " WHERE expiry_done = FALSE AND expires_at < :now ORDER BY expires_at, id LIMIT 1";
    private static final String OPEN_IN_RANGE_WHERE = " WHERE pos >= :from AND pos <= :last"
            + " AND state IN " + OPEN;
    private static final String OPEN_IN_RANGE = " FROM command" + OPEN_IN_RANGE_WHERE;

    private final Jdbi jdbi;
    private final Dialect dialect;
    private final ReentrantLock expiries = new ReentrantLock();

    public JdbcCommandTransitions(Jdbi jdbi, Dialect dialect) {
        this.jdbi = jdbi;
        this.dialect = dialect;
    }

    @Override
    public boolean apply(Transition t) {
        if (t.from().isEmpty()) {
            return false;
        }
        try {
            return jdbi.inTransaction(h -> applyIn(h, t));
        } catch (SQLException e) {
            throw new StorageException(e);
        }
    }

    private boolean applyIn(Handle h, Transition t) throws SQLException {
        CommandState from = compareAndSet(h, t);
        if (from == null) {
            return false;
        }
        try (PreparedStatement st = h.getConnection().prepareStatement(CommandRows.INSERT_EVENT)) {
            CommandRows.bindEvent(st, new CommandEvent(t.commandId(), t.at(), from, t.to(), t.detail(), t.actor()));
            st.executeUpdate();
        }
        SealedSecret secret = t.secret();
        if (secret != null) {
            h.createUpdate("INSERT INTO command_secret (command_id, kind, ciphertext, expires_at)"
                            + " VALUES (:id, :kind, :ciphertext, :expiresAt)")
                    .bind("id", t.commandId()).bind("kind", secret.kind()).bind("ciphertext", secret.ciphertext())
                    .bind("expiresAt", secret.expiresAt()).execute();
        }
        if (t.wire() != null && !t.wire().refs().isEmpty()) {
            JdbcWireRefs.insert(h.getConnection(), t.wire(), t.at());
        }
        return true;
    }

    /**
     * Returns the state the command left, or null when it was in none of {@code from}. One guarded
     * UPDATE per candidate state, the likeliest (sent: a device's answer) first: each is an atomic
     * compare-and-set that also tells which state the history row should name; the row is locked
     * and read (SELECT … FOR UPDATE, which H2 parses again on every call) only when none matched.
     */
    private CommandState compareAndSet(Handle h, Transition t) {
        String set = "UPDATE command SET state = :to, detail = COALESCE(:detail, detail), updated_at = :at"
                + " WHERE id = :id AND state = :from";
        List<CommandState> candidates = new ArrayList<>(t.from());
        candidates.sort(Comparator.comparing(s -> s == CommandState.SENT ? 0 : 1));
        for (CommandState from : candidates) {
            int n = h.createUpdate(set).bind("to", t.to().name()).bind("detail", t.detail())
                    .bind("at", t.at()).bind("id", t.commandId()).bind("from", from.name()).execute();
            if (n == 1) {
                return from;
            }
        }
        if (candidates.size() == 1) {
            return null;
        }
        // Another transaction may have moved the row between two candidates: decide under its lock.
        Optional<String> current = h.createQuery("SELECT state FROM command WHERE id = :id" + dialect.forUpdate())
                .bind("id", t.commandId()).mapTo(String.class).findOne();
        if (current.isEmpty() || !t.from().contains(CommandState.valueOf(current.get()))) {
            return null;
        }
        h.createUpdate(set).bind("to", t.to().name()).bind("detail", t.detail()).bind("at", t.at())
                .bind("id", t.commandId()).bind("from", current.get()).execute();
        return CommandState.valueOf(current.get());
    }

    @Override
    public int cancelPending(UUID requestId, String actor, Instant at) {
        return jdbi.inTransaction(h -> {
            // Lock first: a concurrent delivery (pending → sent) then either ran before us and is
            // not canceled, or waits and finds the command canceled. The set below cannot change.
            Optional<Long> no = h.createQuery("SELECT request_no FROM action_request WHERE id = :r")
                    .bind("r", requestId).mapTo(Long.class).findOne();
            if (no.isEmpty()) {
                return 0;
            }
            // The request's commands are the key range [pos(no, 0), pos(no + 1, 0)).
            long lo = CommandRows.pos(no.get(), 0);
            long hi = CommandRows.pos(no.get() + 1, 0);
            String pending = " WHERE pos >= :lo AND pos < :hi AND state = 'PENDING'";
            List<UUID> locked = h.createQuery("SELECT id FROM command" + pending + dialect.forUpdate())
                    .bind("lo", lo).bind("hi", hi).mapTo(UUID.class).list();
            if (locked.isEmpty()) {
                return 0;
            }
            h.createUpdate("INSERT INTO command_event (command_id, occurred_at, from_state, to_state, detail, actor)"
                            + " SELECT id, :at, 'PENDING', 'CANCELED', NULL, :actor FROM command" + pending)
                    .bind("at", at).bind("actor", actor).bind("lo", lo).bind("hi", hi).execute();
            return h.createUpdate("UPDATE command SET state = 'CANCELED', updated_at = :at" + pending)
                    .bind("at", at).bind("lo", lo).bind("hi", hi).execute();
        });
    }

    @Override
    public int expire(Instant now, int max) {
        if (max < 1) {
            return 0;
        }
        if (!dialect.claimsInProcess()) {
            return jdbi.inTransaction(h -> expireIn(h, now, max));
        }
        expiries.lock();
        try {
            return jdbi.inTransaction(h -> expireIn(h, now, max));
        } finally {
            expiries.unlock();
        }
    }

    private record Expirable(UUID id, long requestNo, int from, int deviceCount) {
    }

    private int expireIn(Handle h, Instant now, int max) {
        int expired = 0;
        while (expired < max) {
            Optional<Expirable> found = h.createQuery(EXPIRABLE + dialect.claimLock()).bind("now", now)
                    .map((rs, ctx) -> new Expirable(SqlValues.uuid(rs, "id"), rs.getLong("request_no"),
                            rs.getInt("expiry_seq"), rs.getInt("device_count")))
                    .findFirst();
            if (found.isEmpty()) {
                break;
            }
            Expirable r = found.get();
            int room = max - expired;
            // The next open commands after the cursor: a range of the request's command keys.
            long from = CommandRows.pos(r.requestNo(), r.from());
            List<Long> keys = h.createQuery("SELECT pos FROM command WHERE pos >= :from AND pos < :end"
                            + " AND state IN " + OPEN + " ORDER BY pos LIMIT :room")
                    .bind("from", from).bind("end", CommandRows.pos(r.requestNo() + 1, 0)).bind("room", room)
                    .mapTo(Long.class).list();
            int cursor = keys.size() < room ? Math.max(r.deviceCount(), r.from())
                    : (int) CommandRows.seq(keys.get(keys.size() - 1)) + 1;
            if (!keys.isEmpty()) {
                long last = keys.get(keys.size() - 1);
                // Lock them (a concurrent delivery either ran first, or waits and then finds the
                // command expired); none of the range can become open again, so the two statements
                // below see exactly the locked rows.
                h.createQuery("SELECT id" + OPEN_IN_RANGE + dialect.forUpdate())
                        .bind("from", from).bind("last", last).mapTo(UUID.class).list();
                h.createUpdate("INSERT INTO command_event (command_id, occurred_at, from_state, to_state, detail,"
                                + " actor) SELECT id, :now, state, 'EXPIRED', :detail, :actor" + OPEN_IN_RANGE)
                        .bind("now", now).bind("detail", EXPIRED_DETAIL).bind("actor", SYSTEM)
                        .bind("from", from).bind("last", last).execute();
                expired += h.createUpdate("UPDATE command SET state = 'EXPIRED', updated_at = :now" + OPEN_IN_RANGE_WHERE)
                        .bind("now", now).bind("from", from).bind("last", last).execute();
            }
            h.createUpdate("UPDATE action_request SET expiry_seq = :cursor, expiry_done = :done WHERE id = :id")
                    .bind("cursor", cursor).bind("done", cursor >= r.deviceCount()).bind("id", r.id()).execute();
        }
        return expired;
    }

    @Override
    public Optional<SealedSecret> secret(UUID commandId, Instant now) {
        return jdbi.withHandle(h -> h.createQuery("SELECT kind, ciphertext, expires_at FROM command_secret"
                        + " WHERE command_id = :id AND expires_at > :now")
                .bind("id", commandId).bind("now", now)
                .map((rs, ctx) -> new SealedSecret(rs.getString("kind"), rs.getBytes("ciphertext"),
                        SqlValues.instant(rs, "expires_at")))
                .findOne());
    }

    @Override
    public SealedSecret keepSecret(UUID commandId, SealedSecret secret) {
        try {
            jdbi.useHandle(h -> h.createUpdate("INSERT INTO command_secret (command_id, kind, ciphertext, expires_at)"
                            + " VALUES (:id, :kind, :ciphertext, :expiresAt)")
                    .bind("id", commandId).bind("kind", secret.kind()).bind("ciphertext", secret.ciphertext())
                    .bind("expiresAt", secret.expiresAt()).execute());
            return secret;
        } catch (RuntimeException e) {
            if (!SqlValues.uniqueViolation(e)) {
                throw e;
            }
            // Another delivery stored one first: every delivery must carry that one.
            return jdbi.withHandle(h -> h.createQuery("SELECT kind, ciphertext, expires_at FROM command_secret"
                            + " WHERE command_id = :id").bind("id", commandId)
                    .map((rs, ctx) -> new SealedSecret(rs.getString("kind"), rs.getBytes("ciphertext"),
                            SqlValues.instant(rs, "expires_at")))
                    .one());
        }
    }

    @Override
    public int purgeSecrets(Instant now) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM command_secret WHERE expires_at <= :now")
                .bind("now", now).execute());
    }
}
