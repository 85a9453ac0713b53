package io.latchkey.store.jdbc;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.transaction.TransactionHandler;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

import java.sql.SQLException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * SQLite admits one writer, and every transaction here begins IMMEDIATE, so concurrent
 * transactions queue for its lock. Left to SQLite, a waiting connection polls: its busy handler
 * sleeps 1, 2, 5, 10 … up to 100 ms between tries (sqliteDefaultBusyCallback,
 * https://sqlite.org/c3ref/busy_timeout.html), so the lock sits free while waiters sleep. This
 * queues the process's transactions on a fair JVM lock instead, which hands the lock to the next
 * waiter the moment a transaction ends; SQLite's own wait then only covers autocommit writes.
 * Re-entrant: a transaction opened inside another on the same thread joins it, as JDBI does.
 */
final class SqliteWriterQueue implements TransactionHandler {
    private final TransactionHandler delegate;
    private final ReentrantLock writer;

    SqliteWriterQueue(TransactionHandler delegate) {
        this(delegate, new ReentrantLock(true));
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
