package io.latchkey.store.jdbc;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.transaction.TransactionHandler;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.StatementCustomizer;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * SQLite admits one writer, and every transaction here begins IMMEDIATE, so concurrent writers
 * queue for its lock. Left to SQLite, a waiting connection polls: its busy handler sleeps 1, 2, 5,
 * 10 … up to 100 ms between tries (sqliteDefaultBusyCallback, https://sqlite.org/c3ref/busy_timeout.html),
 * so the lock sits free while waiters sleep and an unlucky writer can wait out busy_timeout and fail
 * with SQLITE_BUSY. Measured with 32 threads each saving an enrollment code, appending to the audit
 * log and redeeming the code: ops of 20 s and more, some failing. Every write of the process
 * therefore queues on one JVM lock, which a waiter takes the moment a write ends (no SQLite
 * timeout applies to that wait). Not a fair lock: handing the lock to the longest waiter first
 * means waking a parked thread on a saturated machine while the lock sits idle; the 10,000-device
 * fleet lock was acknowledged in 50.6 s with a fair lock and 28.4 s without (FleetBench, same hour).
 * Writes reach the lock two ways: transactions through this {@link TransactionHandler}, single statements outside a transaction
 * through {@link #statements()}. Re-entrant: a write inside a transaction on the same thread joins it.
 */
final class SqliteWriterQueue implements TransactionHandler {
    private final TransactionHandler delegate;
    private final ReentrantLock writer;

    SqliteWriterQueue(TransactionHandler delegate) {
        this(delegate, new ReentrantLock());
    }

    private SqliteWriterQueue(TransactionHandler delegate, ReentrantLock writer) {
        this.delegate = delegate;
        this.writer = writer;
    }

    @Override
    public <R, X extends Exception> R inTransaction(Handle handle, HandleCallback<R, X> callback) throws X {
        writer.lock();
        try {
            return delegate.inTransaction(handle, callback);
        } finally {
            writer.unlock();
        }
    }

    @Override
    public <R, X extends Exception> R inTransaction(Handle handle, TransactionIsolationLevel level,
                                                    HandleCallback<R, X> callback) throws X {
        writer.lock();
        try {
            return delegate.inTransaction(handle, level, callback);
        } finally {
            writer.unlock();
        }
    }

    /**
     * For statements run outside a transaction: anything but a read takes the lock for its
     * execution, released when JDBI closes the statement.
     */
    StatementCustomizer statements() {
        return new StatementCustomizer() {
            @Override
            public void beforeExecution(PreparedStatement statement, StatementContext ctx) throws SQLException {
                if (writer.isHeldByCurrentThread() || !ctx.getConnection().getAutoCommit() || reads(ctx.getRenderedSql())) {
                    return;
                }
                writer.lock();
                AtomicBoolean held = new AtomicBoolean(true);
                ctx.addCleanable(() -> {
                    if (held.getAndSet(false)) {
                        writer.unlock();
                    }
                });
            }
        };
    }

    private static boolean reads(String sql) {
        String head = sql.stripLeading();
        return head.regionMatches(true, 0, "SELECT", 0, 6) || head.regionMatches(true, 0, "PRAGMA", 0, 6);
    }

    /** JDBI specialises the handler per handle; the specialised one must queue on the same lock. */
    @Override
    public TransactionHandler specialize(Handle handle) throws SQLException {
        return new SqliteWriterQueue(delegate.specialize(handle), writer);
    }

    @Override
    public void begin(Handle handle) {
        delegate.begin(handle);
    }

    @Override
    public void commit(Handle handle) {
        delegate.commit(handle);
    }

    @Override
    public void rollback(Handle handle) {
        delegate.rollback(handle);
    }

    @Override
    public boolean isInTransaction(Handle handle) {
        return delegate.isInTransaction(handle);
    }

    @Override
    public void savepoint(Handle handle, String name) {
        delegate.savepoint(handle, name);
    }

    @Override
    public void rollbackToSavepoint(Handle handle, String name) {
        delegate.rollbackToSavepoint(handle, name);
    }

    @Override
    public void releaseSavepoint(Handle handle, String name) {
        delegate.releaseSavepoint(handle, name);
    }
}
