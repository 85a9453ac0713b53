package io.latchkey.store.jdbc;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Wake-ups across nodes on PostgreSQL: the node that stored new work says so with {@code NOTIFY},
 * and every node (itself included) that {@code LISTEN}s pokes its own wake-up loop, so a lock stored
 * through node A is pushed by whichever node claims its windows now, not at that node's next idle
 * beat. Best effort by design: a lost notification costs at most one idle beat, since every loop
 * also wakes on its own; that is also why announcing never fails the caller.
 *
 * <p>The channel is named after the schema, so Latchkey installations sharing a database (or test
 * runs in their own schemas) do not wake each other. The listener holds one connection of its own,
 * outside the pool, and reconnects after a failure; on reconnecting it pokes once, since
 * notifications sent while it was away are lost (PostgreSQL documentation, NOTIFY).
 *
 * <p>Each announcement carries the announcing signal's random id and the announcer's clock as its
 * payload ({@code id:epochMillis}, sent right after the commit it announces), so a listener can tell
 * its own node's news (already acted on, after the commit) from another node's, which may have raced
 * a device's check-in here, and since when ({@code io.latchkey.core.action.ClusterChanges}).
 */
public final class PgWakeSignal implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PgWakeSignal.class);
    private static final Duration POLL = Duration.ofSeconds(2);
    private static final Duration RECONNECT_MAX = Duration.ofSeconds(30);

    private final DataSource pool;
    private final String url;
    private final String user;
    private final String password;
    /** Told of each batch of notifications read. */
    public interface Listener {
        /**
         * @param elsewhere   false when every notification of the batch was this signal's own
         * @param announcedAt the earliest announcement time among the other nodes' notifications, on
         *                    their clocks; null when unknown (the listener reconnected and may have
         *                    missed some, or a payload was not ours)
         */
        void heard(boolean elsewhere, java.time.Instant announcedAt);
    }

    private final Listener onSignal;
    private final String id = java.util.UUID.randomUUID().toString();
    private volatile String channel;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread listener;
    private volatile Connection listening;

    private PgWakeSignal(DataSource pool, String url, String user, String password, Listener onSignal) {
        this.pool = pool;
        this.url = url;
        this.user = user;
        this.password = password;
        this.onSignal = onSignal;
        this.listener = Thread.ofVirtual().name("pg-wake-listener").unstarted(this::listen);
    }

    /**
     * Starts listening; {@code onSignal} runs on the listener's thread for each batch of notifications. Does
     * not need the database now: the listener connects (and reconnects) on its own.
     */
    static PgWakeSignal start(DataSource pool, String url, String user, String password, Listener onSignal) {
        PgWakeSignal signal = new PgWakeSignal(pool, url, user, password, Objects.requireNonNull(onSignal, "onSignal"));
        signal.listener.start();
        return signal;
    }

    /** The channel of the schema {@code c} works in (the same for every connection of the URL). */
    private String channel(Connection c) throws SQLException {
        String known = channel;
        if (known == null) {
            try (Statement st = c.createStatement(); var rs = st.executeQuery("SELECT current_schema()")) {
                rs.next();
                known = channelFor(rs.getString(1));
            }
            channel = known;
        }
        return known;
    }

    /** A quoted identifier: schema names may hold any character, and the channel must not break out. */
    static String channelFor(String schema) {
        return "\"latchkey_due:" + (schema == null ? "public" : schema).replace("\"", "\"\"") + "\"";
    }

    /**
     * Whether the listener is connected and listening now: until it is, this node may miss other
     * nodes' news (tests wait for it before announcing; the check-in cache keeps nothing without it).
     */
    public boolean listening() {
        return listening != null;
    }

    /** Tells every listening node that work became due. Never throws: the idle beat is the fallback. */
    public void announce() {
        if (closed.get()) {
            return;
        }
        try (Connection c = pool.getConnection(); Statement st = c.createStatement()) {
            st.execute("NOTIFY " + channel(c) + ", '" + id + ":" + System.currentTimeMillis() + "'");
        } catch (SQLException e) {
            LOG.debug("NOTIFY failed (nodes wake at their idle beat instead): {}", e.toString());
        }
    }

    private void listen() {
        long backoff = 250;
        boolean first = true;
        while (!closed.get()) {
            try (Connection c = DriverManager.getConnection(url, user, password); Statement st = c.createStatement()) {
                st.execute("LISTEN " + channel(c));
                listening = c;
                backoff = 250;
                if (!first) {
                    onSignal.heard(true, null); // whatever was announced while we were away
                }
                first = false;
                PGConnection pg = c.unwrap(PGConnection.class);
                while (!closed.get()) {
                    PGNotification[] got = pg.getNotifications((int) POLL.toMillis());
                    if (got != null && got.length > 0) {
                        heard(got);
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (closed.get()) {
                    return;
                }
                LOG.warn("listening for wake-ups from other nodes failed, again in {} ms: {}", backoff, e.toString());
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException ie) {
                    return;
                }
                backoff = Math.min(backoff * 2, RECONNECT_MAX.toMillis());
            } finally {
                listening = null;
            }
        }
    }

    private void heard(PGNotification[] got) {
        boolean elsewhere = false;
        boolean unknown = false;
        long earliest = Long.MAX_VALUE;
        for (PGNotification n : got) {
            String payload = n.getParameter() == null ? "" : n.getParameter();
            int colon = payload.indexOf(':');
            if (colon > 0 && payload.substring(0, colon).equals(id)) {
                continue;
            }
            elsewhere = true;
            try {
                earliest = Math.min(earliest, Long.parseLong(payload.substring(colon + 1)));
            } catch (NumberFormatException | IndexOutOfBoundsException e) {
                unknown = true; // not our format (another version, or a hand-sent NOTIFY): since when is unknown
            }
        }
        onSignal.heard(elsewhere, !elsewhere || unknown ? null : java.time.Instant.ofEpochMilli(earliest));
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            Connection c = listening;
            if (c != null) {
                try {
                    c.close();
                } catch (SQLException ignored) {
                    // closing: the listener ends either way
                }
            }
            listener.interrupt();
            try {
                listener.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
