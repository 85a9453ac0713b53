package io.latchkey.store.jdbc.action;

import io.latchkey.core.action.CommandEvent;
import io.latchkey.core.action.CommandState;
import io.latchkey.core.action.CommandTransitions;
import io.latchkey.core.action.SealedSecret;
import io.latchkey.core.action.Transition;
import io.latchkey.store.jdbc.SqlValues;
import io.latchkey.store.jdbc.StorageException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * State changes as compare-and-set updates, each with its command_event row (and sealed secret)
 * in the same transaction. Leaving pending also clears the wake-up: nothing is left to announce.
 */
public final class JdbcCommandTransitions implements CommandTransitions {
    private static final String EXPIRED_DETAIL = "time to live ended before the device completed it";
    private static final String SYSTEM = "system";

    private final Jdbi jdbi;

    public JdbcCommandTransitions(Jdbi jdbi) {
        this.jdbi = jdbi;
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

    private static boolean applyIn(Handle h, Transition t) throws SQLException {
        {
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
            return true;
        }
    }

    /** Returns the state the command left, or null when it was in none of {@code from}. */
    private static CommandState compareAndSet(Handle h, Transition t) {
        String set = "UPDATE command SET state = :to, detail = COALESCE(:detail, detail), updated_at = :at,"
                + " wake_due_at = NULL WHERE id = :id AND state ";
        if (t.from().size() == 1) {
            // The common case (pending → sent on delivery): one statement, and the old state is known.
            CommandState only = t.from().iterator().next();
            int n = h.createUpdate(set + "= :from").bind("to", t.to().name()).bind("detail", t.detail())
                    .bind("at", t.at()).bind("id", t.commandId()).bind("from", only.name()).execute();
            return n == 1 ? only : null;
        }
        // Several possible sources: lock the row to learn which one the history row should name.
        Optional<String> current = h.createQuery("SELECT state FROM command WHERE id = :id FOR UPDATE")
                .bind("id", t.commandId()).mapTo(String.class).findOne();
        if (current.isEmpty() || !t.from().contains(CommandState.valueOf(current.get()))) {
            return null;
        }
        h.createUpdate(set + "= :from").bind("to", t.to().name()).bind("detail", t.detail()).bind("at", t.at())
                .bind("id", t.commandId()).bind("from", current.get()).execute();
        return CommandState.valueOf(current.get());
    }

    @Override
    public int cancelPending(UUID requestId, String actor, Instant at) {
        return jdbi.inTransaction(h -> {
            // Lock first: a concurrent delivery (pending → sent) then either ran before us and is
            // not canceled, or waits and finds the command canceled. The set below cannot change.
            List<UUID> locked = h.createQuery("SELECT id FROM command WHERE request_id = :r AND state = 'PENDING'"
                    + " FOR UPDATE").bind("r", requestId).mapTo(UUID.class).list();
            if (locked.isEmpty()) {
                return 0;
            }
            h.createUpdate("INSERT INTO command_event (command_id, occurred_at, from_state, to_state, detail, actor)"
                            + " SELECT id, :at, 'PENDING', 'CANCELED', NULL, :actor FROM command"
                            + " WHERE request_id = :r AND state = 'PENDING'")
                    .bind("at", at).bind("actor", actor).bind("r", requestId).execute();
            return h.createUpdate("UPDATE command SET state = 'CANCELED', updated_at = :at, wake_due_at = NULL"
                            + " WHERE request_id = :r AND state = 'PENDING'")
                    .bind("at", at).bind("r", requestId).execute();
        });
    }

    @Override
    public int expire(Instant now, int max) {
        if (max < 1) {
            return 0;
        }
        try {
            return jdbi.inTransaction(h -> expireIn(h, now, max));
        } catch (SQLException e) {
            throw new StorageException(e);
        }
    }

    private static int expireIn(Handle h, Instant now, int max) throws SQLException {
        {
            Map<UUID, String> due = new java.util.LinkedHashMap<>();
            h.createQuery("SELECT id, state FROM command WHERE state IN ('PENDING', 'SENT', 'ACKNOWLEDGED')"
                            + " AND expires_at < :now LIMIT :max FOR UPDATE SKIP LOCKED")
                    .bind("now", now).bind("max", max)
                    .map((rs, ctx) -> Map.entry(SqlValues.uuid(rs, "id"), rs.getString("state")))
                    .forEach(e -> due.put(e.getKey(), e.getValue()));
            if (due.isEmpty()) {
                return 0;
            }
            try (PreparedStatement update = h.getConnection().prepareStatement("UPDATE command SET state = 'EXPIRED',"
                    + " updated_at = ?, wake_due_at = NULL WHERE id = ?");
                 PreparedStatement event = h.getConnection().prepareStatement(CommandRows.INSERT_EVENT)) {
                for (Map.Entry<UUID, String> e : due.entrySet()) {
                    SqlValues.setInstant(update, 1, now);
                    SqlValues.setUuid(update, 2, e.getKey());
                    update.addBatch();
                    CommandRows.bindEvent(event, new CommandEvent(e.getKey(), now, CommandState.valueOf(e.getValue()),
                            CommandState.EXPIRED, EXPIRED_DETAIL, SYSTEM));
                    event.addBatch();
                }
                update.executeBatch();
                event.executeBatch();
            }
            return due.size();
        }
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
    public int purgeSecrets(Instant now) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM command_secret WHERE expires_at <= :now")
                .bind("now", now).execute());
    }
}
