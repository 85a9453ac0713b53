package io.latchkey.store.jdbc;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The few places where H2, PostgreSQL and SQLite SQL differ. Everything else is written once in SQL all three
 * accept: {@link #anyOf} for membership in a bound id list, {@link #forUpdate} for row locks, {@link #upsert}.
 */
public enum Dialect {
    /**
     * H2 is embedded, so one process owns the database: claims are serialised by a JVM lock
     * instead. Measured: with FOR UPDATE SKIP LOCKED on H2 2.5, claiming batches of 1,000 from a
     * 300,000-command backlog ran for over ten minutes inside row locking; the cause inside H2
     * was not pinned down.
     */
    H2("h2", "UUID", "") {
        @Override
        public String upsert(String table, List<String> columns, String key) {
            return "MERGE INTO " + table + " (" + String.join(", ", columns) + ") KEY (" + key + ") VALUES ("
                    + marks(columns.size()) + ")";
        }
    },
    POSTGRESQL("postgresql", "uuid", " FOR UPDATE SKIP LOCKED") {
        @Override
        public String upsert(String table, List<String> columns, String key) {
            return onConflictUpsert(table, columns, key);
        }
    },
    /**
     * Embedded SQLite (the default store), one process like H2, so claims use the JVM lock. SQLite
     * has no arrays, FOR UPDATE or SKIP LOCKED: ids are bound as one JSON array read through
     * {@code json_each}, and row locks are unnecessary because every transaction begins IMMEDIATE,
     * holding the database's single write lock (https://sqlite.org/lang_transaction.html).
     */
    SQLITE("sqlite", "", "") {
        @Override
        public String upsert(String table, List<String> columns, String key) {
            return onConflictUpsert(table, columns, key);
        }

        @Override
        public String anyOf(String column, String param) {
            return column + " IN (SELECT value FROM json_each(:" + param + "))";
        }

        @Override
        public String forUpdate() {
            return "";
        }
    };

    private final String vendor;
    private final String uuidArrayType;
    private final String claimLock;

    Dialect(String vendor, String uuidArrayType, String claimLock) {
        this.vendor = vendor;
        this.uuidArrayType = uuidArrayType;
        this.claimLock = claimLock;
    }

    /**
     * Appended to a SELECT that claims queue rows: PostgreSQL skips rows another node holds.
     * Empty when the caller must serialise claims itself ({@link #claimsInProcess()}).
     */
    public String claimLock() {
        return claimLock;
    }

    /** True when only this process uses the database, so a JVM lock is a complete claim lock. */
    public boolean claimsInProcess() {
        return claimLock.isEmpty();
    }

    /** The Flyway location suffix and the name {@link JdbcStorage#vendor()} reports. */
    public String vendor() {
        return vendor;
    }

    /** The element type name for {@link java.sql.Connection#createArrayOf} of UUIDs. */
    public String uuidArrayType() {
        return uuidArrayType;
    }

    /**
     * {@code column} is one of the ids bound to {@code :param} with
     * {@link SqlValues#uuidArrayArgument}: an SQL array on H2/PostgreSQL.
     */
    public String anyOf(String column, String param) {
        return column + " = ANY(:" + param + ")";
    }

    /** Appended to a SELECT whose rows the transaction goes on to change. */
    public String forUpdate() {
        return " FOR UPDATE";
    }

    /** A positional insert-or-replace of one row, keyed on a single column; batchable. */
    public abstract String upsert(String table, List<String> columns, String key);

    private static String onConflictUpsert(String table, List<String> columns, String key) {
        String updates = columns.stream().filter(c -> !c.equals(key))
                .map(c -> c + " = EXCLUDED." + c).collect(Collectors.joining(", "));
        return "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES (" + marks(columns.size())
                + ") ON CONFLICT (" + key + ") DO UPDATE SET " + updates;
    }

    public static Dialect ofUrl(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:sqlite:")) {
            return SQLITE;
        }
        if (jdbcUrl.startsWith("jdbc:h2:")) {
            return H2;
        }
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        throw new IllegalArgumentException("unsupported database URL (expected jdbc:h2:, jdbc:postgresql: or jdbc:sqlite:): "
                + jdbcUrl.replaceAll("password=[^&;]*", "password=****"));
    }

    private static String marks(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }
}
