package io.latchkey.store.jdbc;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * Makes the embedded database whole again after the process was killed. H2 2.5.252 (and 2.3.232),
 * killed with SIGKILL while a transaction of some thousand rows was being committed, reopens with
 * that transaction half visible: a count saw 88 of a request's 10,000 commands, the rest (and its
 * audit entry) hidden, and deleting the request's commands then spun forever. Measured on a scratch
 * table with 20,000-row transactions: 3 of 12 kills left a torn transaction, and with 100-row
 * transactions and a second connection committing, 2 of 12. Compacting the store ({@code SHUTDOWN
 * COMPACT}) right after such a stop resolved every one whole (32 of 32 kills: each transaction
 * either all there or not at all), so that is what opening does when the last run did not close
 * the database: a marker file next to it exists from open to clean close.
 *
 * <p>PostgreSQL needs none of this: it never shows part of a transaction.
 */
final class H2Recovery {
    private static final Logger LOG = LoggerFactory.getLogger(H2Recovery.class);
    /** H2's "database is already closed": what the connection says once SHUTDOWN has run. */
    private static final int ALREADY_CLOSED = 90121;
    /**
     * Storages this JVM has open on each database: H2 shares one open database between all the
     * connections of a process, so a marker left by this very process means "in use here", never
     * "killed", and compacting would shut the database under the other storage.
     */
    private static final java.util.Map<Path, Integer> OPEN_HERE = new java.util.HashMap<>();

    private H2Recovery() {
    }

    /** Before the pool opens: compacts the store when the last run ended without closing it, then marks it open. */
    static synchronized void beforeOpen(JdbcStorage.Settings settings) {
        Optional<Path> marker = marker(settings.jdbcUrl());
        if (marker.isEmpty()) {
            return;
        }
        if (OPEN_HERE.merge(marker.get(), 1, Integer::sum) > 1) {
            return;
        }
        Path database = Path.of(marker.get().toString().replaceFirst("\\.open$", ".mv.db"));
        try {
            if (Files.exists(marker.get()) && Files.exists(database)) {
                long start = System.nanoTime();
                try (Connection c = DriverManager.getConnection(settings.jdbcUrl(), settings.user(), settings.password());
                     Statement s = c.createStatement()) {
                    s.execute("SHUTDOWN COMPACT");
                } catch (SQLException e) {
                    if (e.getErrorCode() != ALREADY_CLOSED) {
                        throw new StorageException(e);
                    }
                }
                LOG.warn("the embedded database was not closed by the last run (killed or crashed); compacted it in {} ms "
                        + "so that a transaction cut short is either whole or absent", (System.nanoTime() - start) / 1_000_000);
            }
            Files.createDirectories(marker.get().getParent());
            Files.writeString(marker.get(), "open since " + java.time.Instant.now() + " (pid "
                    + ProcessHandle.current().pid() + ")\n");
        } catch (IOException e) {
            OPEN_HERE.merge(marker.get(), -1, Integer::sum);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            OPEN_HERE.merge(marker.get(), -1, Integer::sum);
            throw e;
        }
    }

    /** After the pool (and with it the database) closed cleanly. */
    static synchronized void afterClose(String jdbcUrl) {
        marker(jdbcUrl).ifPresent(m -> {
            if (OPEN_HERE.merge(m, -1, Integer::sum) > 0) {
                return;
            }
            OPEN_HERE.remove(m);
            try {
                Files.deleteIfExists(m);
            } catch (IOException e) {
                LOG.warn("could not remove {}: the next start will compact the embedded database", m);
            }
        });
    }

    /** {@code jdbc:h2:file:/dir/latchkey;…} → {@code /dir/latchkey.open}; nothing for other databases. */
    static Optional<Path> marker(String jdbcUrl) {
        if (!jdbcUrl.startsWith("jdbc:h2:file:")) {
            return Optional.empty();
        }
        String path = jdbcUrl.substring("jdbc:h2:file:".length());
        int options = path.indexOf(';');
        return Optional.of(Path.of((options < 0 ? path : path.substring(0, options)) + ".open"));
    }
}
