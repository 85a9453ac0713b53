package io.latchkey.store.jdbc;

import java.sql.Blob;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiConsumer;

/**
 * Copies every row of an embedded H2 database (an installation from before SQLite became the
 * default) into a new SQLite database, in one transaction: either all of it is there afterwards or
 * none of it. Both schemas must be at the same migration; the only table that differs is the
 * request's device list, which SQLite keeps in {@code action_request_target} (see sqlite/V2).
 * The sealed secrets are copied as bytes: the key file in the data directory opens them as before.
 */
public final class DatabaseCopy {
    private static final int BATCH = 5_000;
    /** Migrations' own bookkeeping, and SQLite's: written by each side's Flyway, never copied. */
    private static final Set<String> NOT_COPIED = Set.of("flyway_schema_history");

    private DatabaseCopy() {
    }

    /** Rows copied per table, in the order they were copied. */
    public record Result(Map<String, Long> rows) {
        public long total() {
            return rows.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /**
     * Copies {@code from} (H2, migrated) into {@code to} (SQLite, migrated, with no data of its own
     * beyond what the migrations seed). {@code progress} hears of each table as it is done.
     */
    public static Result copy(JdbcStorage from, JdbcStorage to, BiConsumer<String, Long> progress) {
        if (!from.vendor().equals("h2") || !to.vendor().equals("sqlite")) {
            throw new IllegalArgumentException("copies an H2 database into SQLite, not " + from.vendor() + " into "
                    + to.vendor());
        }
        try (Connection source = from.dataSource().getConnection();
             Connection target = to.dataSource().getConnection()) {
            List<String> tables = tables(target);
            refuseTargetWithData(target);
            try (Statement st = target.createStatement()) {
                // Rows arrive table by table, children possibly before parents; the whole copy is
                // checked with foreign_key_check before it commits (https://sqlite.org/pragma.html).
                st.execute("PRAGMA foreign_keys = OFF");
            }
            Map<String, Long> copied = new LinkedHashMap<>();
            target.setAutoCommit(false);
            try {
                for (String table : tables) {
                    try (Statement st = target.createStatement()) {
                        st.executeUpdate("DELETE FROM " + table); // what the target's migrations seeded
                    }
                }
                for (String table : tables) {
                    if (table.equals("action_request_target")) {
                        continue; // filled from action_request's target column below
                    }
                    long n = copyTable(source, target, table);
                    copied.put(table, n);
                    progress.accept(table, n);
                }
                long targets = copyRequestTargets(source, target);
                copied.put("action_request_target", targets);
                progress.accept("action_request_target", targets);
                checkForeignKeys(target);
                target.commit();
            } catch (SQLException | RuntimeException e) {
                target.rollback();
                throw e;
            } finally {
                target.setAutoCommit(true);
                try (Statement st = target.createStatement()) {
                    st.execute("PRAGMA foreign_keys = ON");
                }
            }
            return new Result(copied);
        } catch (SQLException e) {
            throw new StorageException(e);
        }
    }

    private static List<String> tables(Connection target) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = target.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")) {
            while (rs.next()) {
                if (!NOT_COPIED.contains(rs.getString(1))) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    private static void refuseTargetWithData(Connection target) throws SQLException {
        for (String table : List.of("device", "user_account", "action_request", "admin")) {
            try (Statement st = target.createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT COUNT(*) FROM " + table)) {
                rs.next();
                if (rs.getLong(1) > 0) {
                    throw new IllegalStateException("the SQLite database already holds data (" + table
                            + "); the copy goes only into a new one");
                }
            }
        }
    }

    private static long copyTable(Connection source, Connection target, String table) throws SQLException {
        List<String> targetColumns = columns(target, table);
        List<String> sourceColumns = columns(source, table.toUpperCase(Locale.ROOT));
        List<String> missing = new ArrayList<>(targetColumns);
        missing.removeAll(sourceColumns);
        List<String> extra = new ArrayList<>(sourceColumns);
        extra.removeAll(targetColumns);
        if (table.equals("action_request")) {
            extra.remove("target");
        }
        if (!missing.isEmpty() || !extra.isEmpty()) {
            throw new IllegalStateException("table " + table + " differs between the databases (only in SQLite: "
                    + missing + ", only in H2: " + extra + "); are both at the same Latchkey version?");
        }
        String list = String.join(", ", targetColumns);
        String marks = String.join(", ", java.util.Collections.nCopies(targetColumns.size(), "?"));
        long n = 0;
        try (Statement read = source.createStatement();
             ResultSet rs = read.executeQuery("SELECT " + list + " FROM " + table);
             PreparedStatement write = target.prepareStatement(
                     "INSERT INTO " + table + " (" + list + ") VALUES (" + marks + ")")) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    bind(write, i, rs.getObject(i));
                }
                write.addBatch();
                if (++n % BATCH == 0) {
                    write.executeBatch();
                }
            }
            write.executeBatch();
        }
        return n;
    }

    private static long copyRequestTargets(Connection source, Connection target) throws SQLException {
        long n = 0;
        try (Statement read = source.createStatement();
             ResultSet rs = read.executeQuery("SELECT request_no, target FROM action_request");
             PreparedStatement write = target.prepareStatement(
                     "INSERT INTO action_request_target (request_no, target) VALUES (?, ?)")) {
            while (rs.next()) {
                write.setLong(1, rs.getLong(1));
                bind(write, 2, rs.getObject(2));
                write.addBatch();
                if (++n % 100 == 0) {
                    write.executeBatch(); // each target may list 100,000 ids
                }
            }
            write.executeBatch();
        }
        return n;
    }

    /** Lower-case column names of a table; H2 reports upper-case unquoted names. */
    private static List<String> columns(Connection c, String table) throws SQLException {
        List<String> out = new ArrayList<>();
        DatabaseMetaData meta = c.getMetaData();
        try (ResultSet rs = meta.getColumns(null, null, table, null)) {
            while (rs.next()) {
                String schema = rs.getString("TABLE_SCHEM");
                if (schema == null || schema.equalsIgnoreCase("PUBLIC") || schema.equalsIgnoreCase("main")) {
                    out.add(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
                }
            }
        }
        if (out.isEmpty()) {
            throw new IllegalStateException("table " + table + " is missing from the " + meta.getDatabaseProductName()
                    + " database; are both at the same Latchkey version?");
        }
        return out;
    }

    /** A value read from H2, bound as the SQLite store keeps it (see {@link SqlValues}). */
    private static void bind(PreparedStatement st, int index, Object value) throws SQLException {
        switch (value) {
            case null -> st.setObject(index, null);
            case UUID u -> st.setString(index, u.toString());
            case OffsetDateTime t -> st.setLong(index, SqlValues.micros(t.toInstant()));
            case Timestamp t -> st.setLong(index, SqlValues.micros(t.toInstant()));
            case Instant t -> st.setLong(index, SqlValues.micros(t));
            case Boolean b -> st.setInt(index, b ? 1 : 0);
            case byte[] bytes -> st.setBytes(index, bytes);
            case Clob clob -> st.setString(index, clob.getSubString(1, Math.toIntExact(clob.length())));
            case Blob blob -> st.setBytes(index, blob.getBytes(1, Math.toIntExact(blob.length())));
            case Number number -> st.setObject(index, number);
            case String text -> st.setString(index, text);
            default -> throw new IllegalStateException("no SQLite form for a " + value.getClass().getName());
        }
    }

    private static void checkForeignKeys(Connection target) throws SQLException {
        try (Statement st = target.createStatement(); ResultSet rs = st.executeQuery("PRAGMA foreign_key_check")) {
            if (rs.next()) {
                throw new IllegalStateException("the copy would break a reference: a row of " + rs.getString(1)
                        + " points at a missing row of " + rs.getString(3) + "; nothing was copied");
            }
        }
    }
}
