package io.latchkey.store.jdbc;

import java.sql.SQLException;

/** A database failure from raw JDBC code, unchecked like JDBI's own exceptions. */
public final class StorageException extends RuntimeException {
    public StorageException(SQLException cause) {
        super(cause.getMessage(), cause);
    }
}
