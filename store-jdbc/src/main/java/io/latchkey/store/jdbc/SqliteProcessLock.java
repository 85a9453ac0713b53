package io.latchkey.store.jdbc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One process per SQLite file. H2 refuses a second process on its
 * file; SQLite lets several share one, but claims and expiry are serialised by a JVM lock
 * ({@link Dialect#claimsInProcess}), so two servers on one data directory would hand out the same
 * commands. An OS lock on {@code <file>.lock}, held while the storage is open, refuses the second.
 */
final class SqliteProcessLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private SqliteProcessLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Locks the file a {@code jdbc:sqlite:} URL names; in-memory databases need no lock. */
    static AutoCloseable acquire(String jdbcUrl) {
        Path file = fileOf(jdbcUrl);
        if (file == null) {
            return () -> { };
        }
        Path lockFile = Path.of(file + ".lock");
        FileChannel channel = null;
        try {
            // SQLite creates the database file but not its directory (H2 creates both): a first start
            // on a new data directory must find it.
            Files.createDirectories(lockFile.toAbsolutePath().getParent());
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw refused(lockFile, null);
            }
            return new SqliteProcessLock(channel, lock);
        } catch (OverlappingFileLockException e) {
            closeQuietly(channel);
            throw refused(lockFile, e);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("cannot lock " + lockFile, e);
        } catch (IllegalStateException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    /** The database file a {@code jdbc:sqlite:} URL names; null for an in-memory database. */
    static Path fileOf(String jdbcUrl) {
        String file = jdbcUrl.substring("jdbc:sqlite:".length());
        int query = file.indexOf('?');
        String parameters = query < 0 ? "" : file.substring(query);
        file = query < 0 ? file : file.substring(0, query);
        if (file.startsWith("file:")) {
            // URI filename form (https://sqlite.org/uri.html): file:/path or file:///path
            file = file.substring("file:".length());
            file = file.startsWith("///") ? file.substring(2) : file;
        }
        if (file.isEmpty() || file.startsWith(":memory:") || parameters.contains("mode=memory")) {
            return null;
        }
        return Path.of(file);
    }

    @Override
    public void close() throws IOException {
        lock.release();
        channel.close();
    }

    private static IllegalStateException refused(Path lockFile, Exception cause) {
        return new IllegalStateException("the database is in use by another Latchkey process (" + lockFile
                + " is locked); one embedded database serves one process", cause);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // already failing; the lock was never taken
            }
        }
    }
}
